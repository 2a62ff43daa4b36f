"""Parameter-count formulas for Keras' recurrent layers.

A recurrent layer has one set of weights that it reuses at every time step, so
its size depends on the input's feature size and the number of units, never on
the sequence length. Each gate (or the candidate state) owns a kernel for the
input, a recurrent kernel for the previous hidden state, and a bias (two in
Keras' default GRU, an input bias and a recurrent bias). The test suite checks
every formula against the real Keras layer, over many random sizes.

Example:
    >>> simple_rnn_params(input_dim=10, units=32)
    1376
    >>> lstm_params(input_dim=10, units=32)
    5504
    >>> gru_params(input_dim=10, units=32)  # reset_after=True, Keras' default
    4224
"""


def simple_rnn_params(input_dim: int, units: int, use_bias: bool = True) -> int:
    """Trainable parameters of `keras.layers.SimpleRNN`.

    The layer computes `h_t = tanh(x_t W + h_{t-1} U + b)`.

    Args:
        input_dim: Features per time step (the last axis of the input).
        units: Size of the hidden state.
        use_bias: Whether the layer has a bias vector.

    Returns:
        `input_dim * units + units * units + units`: the kernel `W`, the
        recurrent kernel `U` and the bias `b`.
    """
    return input_dim * units + units * units + (units if use_bias else 0)


def lstm_params(input_dim: int, units: int, use_bias: bool = True) -> int:
    """Trainable parameters of `keras.layers.LSTM`.

    Four blocks share the same shape: the input, forget and output gates and
    the candidate cell state, stored side by side in the order i, f, c, o.

    Args:
        input_dim: Features per time step (the last axis of the input).
        units: Size of the hidden state (and of the cell state).
        use_bias: Whether the layer has a bias vector.

    Returns:
        `4 * (units * (units + input_dim) + units)`, or without the `+ units`
        when `use_bias` is False.
    """
    return 4 * (units * (units + input_dim) + (units if use_bias else 0))


def gru_params(input_dim: int, units: int, use_bias: bool = True, reset_after: bool = True) -> int:
    """Trainable parameters of `keras.layers.GRU`.

    Three blocks: the update gate z, the reset gate r and the candidate state,
    stored in the order z, r, h. With `reset_after=True` (Keras' default, the
    variant cuDNN implements) the reset gate multiplies `h_{t-1} U_h + b_h`
    after the matrix product, so the recurrent side needs its own bias: the
    bias has shape `(2, 3 * units)` instead of `(3 * units,)`.

    Args:
        input_dim: Features per time step (the last axis of the input).
        units: Size of the hidden state.
        use_bias: Whether the layer has bias vectors.
        reset_after: Whether the reset gate is applied after the recurrent
            matrix product (True, two biases) or before it (False, one bias).

    Returns:
        `3 * (input_dim * units + units * units + 2 * units)` with
        `reset_after=True`, `3 * (input_dim * units + units * units + units)`
        with `reset_after=False`, and `3 * (input_dim * units + units * units)`
        without biases.
    """
    biases = (2 if reset_after else 1) * units if use_bias else 0
    return 3 * (input_dim * units + units * units + biases)


def main() -> None:
    """Work the examples that interviewers ask: 10 input features, 32 units."""
    print("SimpleRNN(32) on 10 features:", simple_rnn_params(10, 32), "parameters")
    print("LSTM(32) on 10 features:", lstm_params(10, 32), "parameters")
    print("GRU(32) on 10 features, reset_after=True:", gru_params(10, 32), "parameters")
    print("GRU(32) on 10 features, reset_after=False:", gru_params(10, 32, reset_after=False), "parameters")
    print("Bidirectional(LSTM(32)) on 10 features:", 2 * lstm_params(10, 32), "parameters")
    print("LSTM(32) stacked on an LSTM(32):", lstm_params(32, 32), "parameters")


if __name__ == "__main__":
    main()
