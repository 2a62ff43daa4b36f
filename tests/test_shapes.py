"""Check the formulas in snippets/shapes.py against real Keras layers."""

import keras
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snippets.shapes import conv2d_params, conv_output_size, dense_params, pool_output_size, same_padding

# Building a Keras layer costs milliseconds; a few dozen examples cover the formulas.
KERAS_EXAMPLES = settings(max_examples=40, deadline=None, derandomize=True, database=None)


def test_worked_examples():
    assert conv_output_size(5, 3, p=1, s=2) == 3
    assert same_padding(5) == 2
    assert conv_output_size(10, 3) == 8
    assert dense_params(784, 128) == 100_480
    assert pool_output_size(4, 2) == 2
    assert pool_output_size(7, 2) == 3


@KERAS_EXAMPLES
@given(n=st.integers(1, 32), f=st.integers(1, 7), p=st.integers(0, 3), s=st.integers(1, 4))
def test_conv_output_size_matches_conv2d(n, f, p, s):
    if n + 2 * p < f:
        with pytest.raises(ValueError):
            conv_output_size(n, f, p, s)
        return
    inputs = keras.Input((n, n, 1))
    padded = keras.layers.ZeroPadding2D(p)(inputs)
    outputs = keras.layers.Conv2D(1, f, strides=s, padding="valid")(padded)
    assert outputs.shape[1:3] == (conv_output_size(n, f, p, s),) * 2


@KERAS_EXAMPLES
@given(n=st.integers(1, 32), half=st.integers(0, 3))
def test_same_padding_keeps_size_like_padding_same(n, half):
    f = 2 * half + 1
    same = keras.layers.Conv2D(1, f, padding="same")(keras.Input((n, n, 1)))
    assert conv_output_size(n, f, same_padding(f), 1) == n == same.shape[1]


def test_same_padding_rejects_even_filters():
    with pytest.raises(ValueError):
        same_padding(4)


@KERAS_EXAMPLES
@given(inputs=st.integers(1, 64), units=st.integers(1, 64), use_bias=st.booleans())
def test_dense_params_matches_keras(inputs, units, use_bias):
    layer = keras.layers.Dense(units, use_bias=use_bias)
    layer.build((None, inputs))
    assert layer.count_params() == dense_params(inputs, units, use_bias)


@KERAS_EXAMPLES
@given(kh=st.integers(1, 5), kw=st.integers(1, 5), channels=st.integers(1, 8), filters=st.integers(1, 16),
       use_bias=st.booleans())
def test_conv2d_params_matches_keras(kh, kw, channels, filters, use_bias):
    layer = keras.layers.Conv2D(filters, (kh, kw), use_bias=use_bias)
    layer.build((None, 12, 12, channels))
    kernel = kh if kh == kw else (kh, kw)
    assert layer.count_params() == conv2d_params(kernel, channels, filters, use_bias)


POOLING_LAYERS = st.sampled_from([keras.layers.MaxPooling2D, keras.layers.AveragePooling2D])


@KERAS_EXAMPLES
@given(layer=POOLING_LAYERS, n=st.integers(1, 32), f=st.integers(1, 5), s=st.none() | st.integers(1, 4),
       padding=st.sampled_from(["valid", "same"]))
def test_pool_output_size_matches_keras_pooling(layer, n, f, s, padding):
    if padding == "valid" and n < f:
        with pytest.raises(ValueError):
            pool_output_size(n, f, s, padding)
        return
    pool = layer(pool_size=f, strides=s, padding=padding)
    outputs = pool(keras.Input((n, n, 1)))
    assert outputs.shape[1:3] == (pool_output_size(n, f, s, padding),) * 2
    assert pool.count_params() == 0


@KERAS_EXAMPLES
@given(n=st.integers(1, 32), f=st.integers(1, 7), s=st.integers(1, 4))
def test_padding_same_gives_ceil_n_over_s_for_conv2d_too(n, f, s):
    outputs = keras.layers.Conv2D(1, f, strides=s, padding="same")(keras.Input((n, n, 1)))
    assert outputs.shape[1] == pool_output_size(n, f, s, padding="same")


def test_pool_output_size_rejects_unknown_padding():
    with pytest.raises(ValueError):
        pool_output_size(8, 2, padding="full")
