"""Draw training and validation loss of a small network that overfits, without and with L2.

The data are 60 training and 400 validation samples with eight Gaussian features. The
label is `x0 + x1 > 0`, flipped with probability 0.15 (5 of the 60 training labels), so
no sensible model is right on all of them: a model that drives the training loss to
zero has memorized noise. The
model is an MLP with two hidden layers of 128 ReLU units and a sigmoid output, trained
with plain SGD (learning rate 0.3, reshuffled batches of 20) on binary cross-entropy. The second
run is the same model from the same initial weights with `keras.regularizers.L2(0.05)`
on both hidden kernels. Both curves show the cross-entropy alone (without the L2
penalty), measured at the end of every epoch in inference mode, so training and
validation losses are comparable. The page's code block runs the same set-up for fewer
epochs. Everything is seeded, so the figure is the same on every run.

Run it from the folder that should receive the SVG:

    cd docs/assets/figures && python ../../../snippets/figure_overfitting.py
"""

import matplotlib

matplotlib.use("Agg")

import keras  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

FILENAME = "overfitting.svg"
EPOCHS = 40
L2_STRENGTH = 0.05


def make_data(rng, n, features=8, flip=0.15):
    """Return `(x, y)`: Gaussian features and labels `x0 + x1 > 0`, each flipped with probability `flip`."""
    x = rng.normal(size=(n, features)).astype("float32")
    y = (x[:, 0] + x[:, 1] > 0).astype("float32")
    flipped = rng.random(n) < flip
    y[flipped] = 1 - y[flipped]
    return x, y[:, None]


def build(l2=0.0):
    """Return the compiled MLP; the same seed gives both runs the same initial weights."""
    keras.utils.set_random_seed(1)
    reg = keras.regularizers.L2(l2) if l2 else None
    model = keras.Sequential([
        keras.Input(shape=(8,)),
        keras.layers.Dense(128, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(128, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.3), loss="binary_crossentropy")
    return model


class DataLoss(keras.callbacks.Callback):
    """Records the cross-entropy (no penalty, inference mode) on given sets after every epoch."""

    def __init__(self, sets):
        super().__init__()
        self.sets = sets
        self.curves = {name: [] for name in sets}

    def on_epoch_end(self, epoch, logs=None):
        for name, (x, y) in self.sets.items():
            loss = keras.losses.binary_crossentropy(y, self.model(x, training=False))
            self.curves[name].append(float(keras.ops.mean(loss)))


def loss_curves(l2, dataset, train, val):
    """Train for `EPOCHS` epochs and return `{"train": [...], "validation": [...]}`."""
    model = build(l2)
    recorder = DataLoss({"train": train, "validation": val})
    model.fit(dataset, epochs=EPOCHS, callbacks=[recorder], shuffle=False, verbose=0)
    return recorder.curves


def draw(runs, filename=FILENAME):
    """Plot one panel per run (training and validation loss) and save a deterministic SVG."""
    plt.rcParams["svg.hashsalt"] = "handbook"
    plt.rcParams["svg.fonttype"] = "none"
    colours = plt.get_cmap("tab10").colors
    fig, axes = plt.subplots(1, len(runs), figsize=(10, 4.2), sharey=True, facecolor="white")
    epochs = np.arange(1, EPOCHS + 1)
    for ax, (title, curves) in zip(axes, runs.items()):
        ax.set_facecolor("white")
        ax.plot(epochs, curves["train"], "-", color=colours[0], linewidth=2, label="training loss")
        ax.plot(epochs, curves["validation"], "--", color=colours[1], linewidth=2, label="validation loss")
        best = int(np.argmin(curves["validation"])) + 1
        ax.axvline(best, color="0.4", linestyle=":", linewidth=1.5, label="lowest validation loss")
        ax.annotate(f"lowest validation\nloss: epoch {best}", xy=(best, 1.25), xytext=(best + 1.5, 1.25),
                    va="top", fontsize=9, color="0.3")
        ax.set_title(title)
        ax.set_xlabel("epoch")
        ax.grid(True, alpha=0.3)
    axes[0].set_ylabel("binary cross-entropy (no penalty)")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, bbox_to_anchor=(0.5, -0.08), frameon=False)
    fig.suptitle("60 noisy training samples: the gap between the curves is overfitting", y=1.02)
    fig.savefig(filename, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(fig)


def main():
    """Train the model without and with L2, then write `overfitting.svg`."""
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    train, val = make_data(rng, 60), make_data(rng, 400)
    dataset = tf.data.Dataset.from_tensor_slices(train).shuffle(60, seed=0).batch(20)  # reshuffled every epoch
    runs = {
        "No regularization": loss_curves(0.0, dataset, train, val),
        f"L2({L2_STRENGTH}) on the hidden kernels": loss_curves(L2_STRENGTH, dataset, train, val),
    }
    draw(runs)
    print(f"wrote {FILENAME}")


if __name__ == "__main__":
    main()
