"""Output-size and parameter-count formulas for common Keras layers.

Each function is a formula an interviewer may ask you to work out by hand.
The test suite checks every one against the real Keras layer, over many
random settings.

Example:
    >>> conv_output_size(n=5, f=3, p=1, s=2)
    3
    >>> dense_params(inputs=784, units=128)
    100480
    >>> pool_output_size(n=7, pool_size=2)
    3
"""


def conv_output_size(n: int, f: int, p: int = 0, s: int = 1) -> int:
    """Length of one spatial side of a convolution's (or pooling's) output.

    Args:
        n: Input size along that side.
        f: Filter (kernel) size along that side.
        p: Zero padding added to *each* end of that side.
        s: Stride.

    Returns:
        `floor((n + 2p - f) / s) + 1`.

    Raises:
        ValueError: If the filter does not fit in the padded input.
    """
    if n + 2 * p < f:
        raise ValueError(f"a filter of size {f} does not fit in {n} + 2*{p}")
    return (n + 2 * p - f) // s + 1


def same_padding(f: int) -> int:
    """Padding per side that keeps the size unchanged at stride 1.

    Args:
        f: An odd filter size.

    Returns:
        `(f - 1) / 2`, so that `conv_output_size(n, f, same_padding(f), 1) == n`.

    Raises:
        ValueError: For an even `f`, which needs unequal padding on the two
            sides (Keras' `padding="same"` then pads one more at the end).
    """
    if f % 2 == 0:
        raise ValueError("an even filter size cannot be padded equally on both sides")
    return (f - 1) // 2


def dense_params(inputs: int, units: int, use_bias: bool = True) -> int:
    """Trainable parameters of `keras.layers.Dense`.

    Args:
        inputs: Size of the last axis of the input.
        units: Number of output units.
        use_bias: Whether the layer has a bias vector.

    Returns:
        `inputs * units` weights plus `units` biases.
    """
    return inputs * units + (units if use_bias else 0)


def conv2d_params(kernel_size: int | tuple[int, int], in_channels: int, filters: int,
                  use_bias: bool = True) -> int:
    """Trainable parameters of `keras.layers.Conv2D`.

    Every filter spans all input channels, so each has `kh * kw * in_channels`
    weights plus one bias. The image size does not appear.

    Args:
        kernel_size: `f` for an `f x f` kernel, or `(kh, kw)`.
        in_channels: Channels of the input.
        filters: Number of filters (output channels).
        use_bias: Whether the layer has one bias per filter.

    Returns:
        `(kh * kw * in_channels + bias) * filters`.
    """
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return (kh * kw * in_channels + (1 if use_bias else 0)) * filters


def pool_output_size(n: int, pool_size: int, strides: int | None = None, padding: str = "valid") -> int:
    """Length of one spatial side of a Keras pooling layer's output.

    Pooling uses the convolution formula with the window as the filter and no
    zero padding. Keras' `strides=None` means "stride = pool size", so the
    windows tile the input without overlap.

    Args:
        n: Input size along that side.
        pool_size: Window size along that side.
        strides: Step between windows; `None` (the Keras default) uses `pool_size`.
        padding: `"valid"` (windows stay inside the input) or `"same"` (Keras pads
            just enough that every input position is covered; the output is
            `ceil(n / strides)`, as for `Conv2D(padding="same")`).

    Returns:
        `floor((n - pool_size) / strides) + 1` for `"valid"`, `ceil(n / strides)`
        for `"same"`.

    Raises:
        ValueError: For an unknown `padding`, or a `"valid"` window larger than `n`.
    """
    s = pool_size if strides is None else strides
    if padding == "same":
        return -(-n // s)
    if padding == "valid":
        return conv_output_size(n, pool_size, p=0, s=s)
    raise ValueError(f'padding must be "valid" or "same", not {padding!r}')


def main() -> None:
    """Work the examples that interviewers ask."""
    print("5x5 input, 3x3 filter, p=1, s=2 ->", conv_output_size(5, 3, p=1, s=2))
    print("padding that keeps 10x10 with a 5x5 filter:", same_padding(5))
    print("10x10x3 input, 3x3 filter ->", conv_output_size(10, 3), "per side")
    print("Dense 784 -> 128:", dense_params(784, 128), "parameters")
    print("Conv2D 3x3, 3 -> 16 channels:", conv2d_params(3, 3, 16), "parameters")
    print("7x7 input, 2x2 max pooling ->", pool_output_size(7, 2), "per side")


if __name__ == "__main__":
    main()
