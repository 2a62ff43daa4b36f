"""Draw the common activation functions, their derivatives and a softmax example.

Writes `activation_functions.svg` into the current folder, a 2 x 2 grid: sigmoid,
tanh, ReLU, Leaky ReLU, ELU and softsign from -4 to 4; their derivatives; softmax
applied to the vector [1, 2, 3, 0.5] as a bar chart; and the derivatives of sigmoid,
tanh and softsign from 0 to 10 on a log scale, to show how each saturates.

Every value is computed by `keras.activations`, and every derivative by
`tf.GradientTape` on those same functions, so the figure shows what Keras
computes. Each curve is also checked against its hand-written NumPy formula.
"""

import matplotlib

matplotlib.use("Agg")

import keras  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

FILENAME = "activation_functions.svg"
LEAKY_SLOPE = 0.2  # keras.activations.leaky_relu's default negative_slope
ELU_ALPHA = 1.0  # keras.activations.elu's default alpha
SOFTMAX_INPUT = [1.0, 2.0, 3.0, 0.5]


def activations():
    """Return (label, Keras function, NumPy formula, NumPy derivative, has a kink at 0) tuples."""
    sigmoid = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    return [
        ("sigmoid", keras.activations.sigmoid, sigmoid, lambda x: sigmoid(x) * (1 - sigmoid(x)), False),
        ("tanh", keras.activations.tanh, np.tanh, lambda x: 1 - np.tanh(x) ** 2, False),
        ("ReLU", keras.activations.relu, lambda x: np.maximum(x, 0), lambda x: (x > 0).astype(float), True),
        (f"Leaky ReLU (slope {LEAKY_SLOPE})",
         lambda x: keras.activations.leaky_relu(x, negative_slope=LEAKY_SLOPE),
         lambda x: np.where(x > 0, x, LEAKY_SLOPE * x),
         lambda x: np.where(x > 0, 1.0, LEAKY_SLOPE), True),
        (f"ELU (alpha {ELU_ALPHA:g})",
         lambda x: keras.activations.elu(x, alpha=ELU_ALPHA),
         lambda x: np.where(x > 0, x, ELU_ALPHA * np.expm1(x)),
         lambda x: np.where(x > 0, 1.0, ELU_ALPHA * np.exp(x)), False),
        ("softsign", keras.activations.softsign, lambda x: x / (1 + np.abs(x)),
         lambda x: 1 / (1 + np.abs(x)) ** 2, False),
    ]


def value_and_derivative(function, x):
    """Evaluate a Keras activation and its derivative (by autodiff) at the points x."""
    x = tf.constant(x, dtype="float64")
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = function(x)
    return keras.ops.convert_to_numpy(y), tape.gradient(y, x).numpy()


def styled_axes(ax, title, ylabel):
    """Title, labels, grid and zero lines shared by the two curve panels."""
    ax.set_title(title)
    ax.set_xlabel("x (pre-activation)")
    ax.set_ylabel(ylabel)
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.axvline(0, color="0.6", linewidth=0.8)
    ax.grid(True, color="0.9")
    ax.set_xlim(-4, 4)


def draw_softmax(ax, colours):
    """Bar chart of softmax(SOFTMAX_INPUT) beside the plain normalisation x / sum(x)."""
    z = np.array(SOFTMAX_INPUT)
    p = keras.ops.convert_to_numpy(keras.activations.softmax(z))
    assert np.allclose(p, np.exp(z - z.max()) / np.exp(z - z.max()).sum())
    positions = np.arange(len(z))
    ax.bar(positions - 0.2, z / z.sum(), width=0.4, color=colours[7], label="x / sum(x), for comparison")
    bars = ax.bar(positions + 0.2, p, width=0.4, color=colours[0], label="softmax(x)")
    ax.bar_label(bars, labels=[f"{v:.3f}" for v in p], fontsize=9)
    ax.set_xticks(positions, [f"x = {v:g}" for v in z])
    ax.set_title("softmax([1, 2, 3, 0.5]): positive, sums to 1")
    ax.set_ylabel("probability")
    ax.set_ylim(0, 0.8)
    ax.grid(True, axis="y", color="0.9")
    ax.legend(loc="upper left", fontsize=9)


def draw_tails(ax, colours, styles):
    """Derivatives of the saturating functions on a log scale: exponential vs polynomial decay."""
    x = np.linspace(0, 10, 201)
    for index in (0, 1, 5):  # sigmoid, tanh, softsign
        label, keras_fn, _, _, _ = activations()[index]
        _, dy = value_and_derivative(keras_fn, x)
        ax.semilogy(x, dy, color=colours[index], linestyle=styles[index], linewidth=2, label=label)
    ax.set_title("Saturation: derivatives on a log scale")
    ax.set_xlabel("x")
    ax.set_ylabel("f\u2032(x), log scale")
    ax.set_xlim(0, 10)
    ax.set_ylim(1e-9, 2)
    ax.grid(True, which="major", color="0.9")
    ax.legend(loc="lower left", fontsize=9)


def draw():
    """Build the 2 x 2 figure and return it."""
    x = np.linspace(-4, 4, 321)  # step 0.025; contains 0 exactly
    colours = plt.get_cmap("tab10").colors
    styles = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (8, 2))]
    fig, ((ax_f, ax_d), (ax_s, ax_t)) = plt.subplots(2, 2, figsize=(11, 8.5))
    fig.patch.set_facecolor("white")
    for (label, keras_fn, formula, derivative, kink), colour, style in zip(activations(), colours, styles):
        y, dy = value_and_derivative(keras_fn, x)
        away_from_kink = x != 0  # where the true derivative exists for every function here
        assert np.allclose(y, formula(x)), label
        assert np.allclose(dy[away_from_kink], derivative(x)[away_from_kink]), label
        if kink:
            dy = np.where(x == 0, np.nan, dy)  # break the line at the jump instead of drawing a vertical segment
        ax_f.plot(x, y, color=colour, linestyle=style, linewidth=2, label=label)
        ax_d.plot(x, dy, color=colour, linestyle=style, linewidth=2, label=label)
    styled_axes(ax_f, "Activation functions", "f(x)")
    ax_f.set_ylim(-1.5, 4)
    ax_f.legend(loc="upper left", fontsize=9)
    styled_axes(ax_d, "Their derivatives (tf.GradientTape)", "f\u2032(x)")
    ax_d.set_ylim(-0.1, 1.15)
    ax_d.legend(loc="upper left", fontsize=9)
    draw_softmax(ax_s, colours)
    draw_tails(ax_t, colours, styles)
    fig.tight_layout()
    return fig


def main():
    """Draw the figure and save it as a deterministic SVG in the current folder."""
    plt.rcParams["svg.hashsalt"] = "handbook"
    plt.rcParams["svg.fonttype"] = "none"
    fig = draw()
    fig.savefig(FILENAME, format="svg", metadata={"Date": None}, bbox_inches="tight", facecolor="white")
    plt.close(fig)
    print(f"wrote {FILENAME}")


if __name__ == "__main__":
    main()
