"""Check the formulas in snippets/recurrent.py against real Keras layers."""

import keras
from hypothesis import given, settings
from hypothesis import strategies as st

from snippets.recurrent import gru_params, lstm_params, simple_rnn_params

# Building a Keras layer costs milliseconds; a few dozen examples cover the formulas.
KERAS_EXAMPLES = settings(max_examples=40, deadline=None, derandomize=True, database=None)

sizes = st.integers(1, 64)


def built(layer, input_dim):
    """The layer, built for sequences of any length with `input_dim` features."""
    layer.build((None, None, input_dim))
    return layer


def test_worked_examples():
    assert simple_rnn_params(10, 32) == 1_376
    assert lstm_params(10, 32) == 5_504 == 4 * simple_rnn_params(10, 32)
    assert gru_params(10, 32) == 4_224
    assert gru_params(10, 32, reset_after=False) == 4_128 == 3 * simple_rnn_params(10, 32)


@KERAS_EXAMPLES
@given(input_dim=sizes, units=sizes, use_bias=st.booleans())
def test_simple_rnn_params_matches_keras(input_dim, units, use_bias):
    layer = built(keras.layers.SimpleRNN(units, use_bias=use_bias), input_dim)
    assert layer.count_params() == simple_rnn_params(input_dim, units, use_bias)


@KERAS_EXAMPLES
@given(input_dim=sizes, units=sizes, use_bias=st.booleans())
def test_lstm_params_matches_keras(input_dim, units, use_bias):
    layer = built(keras.layers.LSTM(units, use_bias=use_bias), input_dim)
    assert layer.count_params() == lstm_params(input_dim, units, use_bias)


@KERAS_EXAMPLES
@given(input_dim=sizes, units=sizes, use_bias=st.booleans(), reset_after=st.booleans())
def test_gru_params_matches_keras(input_dim, units, use_bias, reset_after):
    layer = built(keras.layers.GRU(units, use_bias=use_bias, reset_after=reset_after), input_dim)
    assert layer.count_params() == gru_params(input_dim, units, use_bias, reset_after)


def test_gru_default_is_reset_after_with_two_biases():
    layer = built(keras.layers.GRU(8), 5)
    assert layer.reset_after
    assert tuple(layer.cell.bias.shape) == (2, 3 * 8)
    assert layer.count_params() == gru_params(5, 8)


def test_bidirectional_doubles_the_count():
    layer = built(keras.layers.Bidirectional(keras.layers.LSTM(12)), 7)  # a forward and a backward copy
    assert layer.count_params() == 2 * lstm_params(7, 12)
