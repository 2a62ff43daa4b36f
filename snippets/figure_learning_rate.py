"""Draw the training loss of one tiny model at a too-low, a good and a too-high learning rate.

The model is linear regression (`keras.layers.Dense(1)`, weights starting at zero) on 64
seeded samples with two features, trained by full-batch gradient descent on the mean
squared error. For this
loss the largest stable learning rate is `2 / lambda_max`, where `lambda_max` is the
largest eigenvalue of the loss's Hessian `(2 / N) A^T A` (`A` is the inputs with a
column of ones for the bias); here it is about 0.88. The three learning rates sit
far below it, comfortably below it, and above it. Everything runs in float64 on the
CPU, so the figure is the same on every run.

Run it from the folder that should receive the SVG:

    cd docs/assets/figures && python ../../../snippets/figure_learning_rate.py
"""

import matplotlib

matplotlib.use("Agg")

import keras  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

FILENAME = "learning_rate.svg"
STEPS = 40
# (learning rate, label, line style); colours come from matplotlib's colour-blind-safe tab10.
RUNS = [
    (0.001, "too low: lr = 0.001", ":"),
    (0.3, "good: lr = 0.3", "-"),
    (1.0, "too high: lr = 1.0", "--"),
]


def make_data(n=64, seed=0):
    """Return float64 inputs `(n, 2)` and targets `(n, 1)` of a noisy linear function."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 2))
    y = x @ np.array([[2.0], [-3.0]]) + 1.0 + 0.1 * rng.normal(size=(n, 1))
    return x, y


def largest_stable_learning_rate(x):
    """Return `2 / lambda_max` of the MSE Hessian for linear regression on `x`."""
    a = np.c_[x, np.ones(len(x))]
    hessian = 2.0 / len(x) * a.T @ a
    return 2.0 / np.linalg.eigvalsh(hessian).max()


def loss_curve(x, y, learning_rate, steps=STEPS):
    """Train a fresh `Dense(1)`, starting from zero weights, with plain SGD on the full batch.

    Args:
        x: Inputs, shape `(n, features)`.
        y: Targets, shape `(n, 1)`.
        learning_rate: Step size of `keras.optimizers.SGD`.
        steps: Number of gradient-descent updates.

    Returns:
        The MSE before each update and after the last one: `steps + 1` values.
    """
    model = keras.Sequential([keras.Input(shape=(x.shape[1],), dtype="float64"),
                              keras.layers.Dense(1, kernel_initializer="zeros", dtype="float64")])
    optimizer = keras.optimizers.SGD(learning_rate=learning_rate)
    mse = keras.losses.MeanSquaredError(dtype="float64")
    losses = []
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = mse(y, model(x))
        losses.append(float(loss))
        optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    losses.append(float(mse(y, model(x))))
    return np.array(losses)


def draw(curves, limit, filename=FILENAME):
    """Plot the loss curves on a log scale and save them as a deterministic SVG."""
    plt.rcParams["svg.hashsalt"] = "handbook"
    plt.rcParams["svg.fonttype"] = "none"
    fig, ax = plt.subplots(figsize=(7, 4.2), facecolor="white")
    colours = plt.get_cmap("tab10").colors
    for (lr, label, style), colour in zip(RUNS, colours):
        ax.plot(curves[lr], style, color=colour, linewidth=2, label=label)
    ax.set_yscale("log")
    ax.set_xlabel("update step (full batch)")
    ax.set_ylabel("training loss (MSE, log scale)")
    ax.set_title(f"Same model, three learning rates (largest stable lr = 2/λmax ≈ {limit:.2f})")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="upper left")
    fig.savefig(filename, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(fig)


def main():
    """Train at the three learning rates and write `learning_rate.svg`."""
    x, y = make_data()
    curves = {lr: loss_curve(x, y, lr) for lr, _, _ in RUNS}
    draw(curves, largest_stable_learning_rate(x))
    print(f"wrote {FILENAME}")


if __name__ == "__main__":
    main()
