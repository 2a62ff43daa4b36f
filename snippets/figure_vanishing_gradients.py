"""Draw the gradient norm of every layer of a deep Dense stack at initialization.

Four 15-layer stacks of `Dense(32)` (plus a linear `Dense(1)` output) see the same
seeded batch of 64 samples, and `tf.GradientTape` measures the L2 norm of the MSE
loss's gradient with respect to each hidden layer's kernel, before any training:

- sigmoid with Keras' default Glorot-uniform kernels: the norm shrinks by a roughly
  constant factor per layer going back towards the input (sigmoid' is at most 1/4);
- tanh with Glorot: tanh'(0) = 1, so the signal survives much better;
- ReLU with Glorot, and ReLU with He-normal kernels: no systematic decay.

Everything runs in float64 on the CPU, so the figure is the same on every run.
Run it from the folder that should receive the SVG:

    cd docs/assets/figures && python ../../../snippets/figure_vanishing_gradients.py
"""

import matplotlib

matplotlib.use("Agg")

import keras  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

FILENAME = "vanishing_gradients.svg"
DEPTH, WIDTH, BATCH = 15, 32, 64
# (activation, kernel initializer, label, line style, marker)
STACKS = [
    ("sigmoid", "glorot_uniform", "sigmoid, Glorot uniform", "-", "o"),
    ("tanh", "glorot_uniform", "tanh, Glorot uniform", "-.", "^"),
    ("relu", "glorot_uniform", "ReLU, Glorot uniform (Keras' default init)", "--", "s"),
    ("relu", "he_normal", "ReLU, He normal", ":", "D"),
]


def fixed_batch(seed=0):
    """Return a seeded float64 batch: inputs `(BATCH, WIDTH)` and targets `(BATCH, 1)`."""
    rng = np.random.default_rng(seed)
    return rng.normal(size=(BATCH, WIDTH)), rng.normal(size=(BATCH, 1))


def layer_gradient_norms(activation, initializer, x, y, seed=0):
    """Return the gradient norm of each hidden layer's kernel, first layer first.

    Args:
        activation: Activation of every hidden `Dense` layer.
        initializer: Kernel initializer of every hidden layer.
        x: Input batch.
        y: Targets for the MSE loss.
        seed: Seed for the initial weights.

    Returns:
        A NumPy array of `DEPTH` L2 norms of `dLoss/dKernel`.
    """
    keras.utils.set_random_seed(seed)
    hidden = [keras.layers.Dense(WIDTH, activation=activation, kernel_initializer=initializer, dtype="float64")
              for _ in range(DEPTH)]
    model = keras.Sequential([keras.Input(shape=(WIDTH,), dtype="float64"), *hidden,
                              keras.layers.Dense(1, dtype="float64")])
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x) - y) ** 2)
    grads = tape.gradient(loss, [layer.kernel for layer in hidden])
    return np.array([float(tf.norm(g)) for g in grads])


def draw(norms, filename=FILENAME):
    """Plot the per-layer gradient norms on a log scale and save them as a deterministic SVG."""
    plt.rcParams["svg.hashsalt"] = "handbook"
    plt.rcParams["svg.fonttype"] = "none"
    fig, ax = plt.subplots(figsize=(7, 4.2), facecolor="white")
    colours = plt.get_cmap("tab10").colors
    layers = np.arange(1, DEPTH + 1)
    for (activation, initializer, label, style, marker), colour in zip(STACKS, colours):
        ax.plot(layers, norms[(activation, initializer)], linestyle=style, marker=marker, markersize=4,
                color=colour, linewidth=2, label=label)
    ax.set_yscale("log")
    ax.set_xticks(layers)
    ax.set_xlabel("hidden layer (1 = next to the input)")
    ax.set_ylabel("‖dLoss/dkernel‖ (log scale)")
    ax.set_title(f"Gradient norm per layer at initialization, {DEPTH} Dense({WIDTH}) layers")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="lower right")
    fig.savefig(filename, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(fig)


def main():
    """Measure the four stacks and write `vanishing_gradients.svg`."""
    x, y = fixed_batch()
    norms = {(a, i): layer_gradient_norms(a, i, x, y) for a, i, _, _, _ in STACKS}
    draw(norms)
    print(f"wrote {FILENAME}")


if __name__ == "__main__":
    main()
