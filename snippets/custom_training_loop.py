"""Train a small classifier with a custom training loop and `tf.GradientTape`.

The program does by hand what `model.fit` does for you: it runs the forward pass
under a `tf.GradientTape`, adds the regularization losses that Keras keeps in
`model.losses`, asks the tape for the gradients of the loss with respect to
`model.trainable_variables`, and hands them to the optimizer. Metrics are updated
on every batch and reset at the end of every epoch.

The task is synthetic and needs no download: points in the square
[-1, 1] x [-1, 1] are labelled 1 when they lie inside the circle of radius 0.7, and
0 otherwise. A straight line cannot separate the classes, so the hidden layer
has to learn something.

Run it with:

    python snippets/custom_training_loop.py

It prints only stable facts (counts and `True`/`False` checks), never raw loss
values, so the output is the same on every machine.
"""

import keras
import numpy as np
import tensorflow as tf

EPOCHS = 20
BATCH_SIZE = 32


def make_data(num_samples, seed):
    """Make points in the square [-1, 1] x [-1, 1], labelled by whether they lie inside a circle.

    Args:
        num_samples: How many points to draw.
        seed: Seed for NumPy's random generator, so the data is the same on every run.

    Returns:
        A tuple `(x, y)`: `x` is a float32 array of shape `(num_samples, 2)` and `y`
        an int32 array of shape `(num_samples,)` holding 1 inside the circle and 0
        outside.
    """
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, size=(num_samples, 2)).astype("float32")
    y = (np.sum(x**2, axis=1) < 0.7**2).astype("int32")
    return x, y


def build_model():
    """Build a small MLP that outputs logits for the two classes.

    The hidden layer carries an L2 penalty, so `model.losses` is not empty and the
    training step must add it to the data loss.

    Returns:
        An uncompiled `keras.Sequential` model. A custom loop does not need `compile`.
    """
    return keras.Sequential(
        [
            keras.Input(shape=(2,)),
            keras.layers.Dense(
                32, activation="relu", kernel_regularizer=keras.regularizers.L2(1e-4)
            ),
            keras.layers.Dense(2),  # logits: the loss applies the softmax
        ]
    )


def make_train_step(model, optimizer, loss_fn, loss_metric, accuracy_metric):
    """Build the compiled function that performs one optimization step.

    Args:
        model: The Keras model to train.
        optimizer: A Keras optimizer; it updates the variables in place.
        loss_fn: A Keras loss object mapping `(y_true, logits)` to a scalar.
        loss_metric: A `keras.metrics.Mean` that averages the batch losses.
        accuracy_metric: A `keras.metrics.SparseCategoricalAccuracy`.

    Returns:
        A `tf.function` that takes one batch `(x, y)`, updates the model's weights and
        the two metrics, and returns the batch loss.
    """

    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            # The forward pass must run inside the tape, or there is nothing to
            # differentiate. training=True switches layers such as Dropout and
            # BatchNormalization to their training behaviour.
            logits = model(x, training=True)
            loss = loss_fn(y, logits)
            # Regularization penalties live in model.losses; fit() adds them for
            # you, a custom loop must add them itself.
            loss = loss + sum(model.losses)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        loss_metric.update_state(loss)
        accuracy_metric.update_state(y, logits)
        return loss

    return train_step


def evaluate(model, dataset):
    """Compute the accuracy of the model on a dataset, in inference mode.

    Args:
        model: A trained Keras model that outputs logits.
        dataset: A batched `tf.data.Dataset` of `(x, y)` pairs.

    Returns:
        The accuracy as a Python float between 0 and 1.
    """
    accuracy = keras.metrics.SparseCategoricalAccuracy()
    for x, y in dataset:
        accuracy.update_state(y, model(x, training=False))
    return float(accuracy.result())


def main():
    """Train the model with a hand-written loop and print stable checks."""
    keras.utils.set_random_seed(42)  # seeds Python, NumPy and TensorFlow

    x_train, y_train = make_data(512, seed=0)
    x_test, y_test = make_data(256, seed=1)
    train_ds = (
        tf.data.Dataset.from_tensor_slices((x_train, y_train))
        .shuffle(512, seed=0)
        .batch(BATCH_SIZE)
        .prefetch(tf.data.AUTOTUNE)
    )
    test_ds = tf.data.Dataset.from_tensor_slices((x_test, y_test)).batch(128)

    model = build_model()
    optimizer = keras.optimizers.Adam(learning_rate=0.01)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    loss_metric = keras.metrics.Mean(name="loss")
    accuracy_metric = keras.metrics.SparseCategoricalAccuracy(name="accuracy")
    train_step = make_train_step(model, optimizer, loss_fn, loss_metric, accuracy_metric)

    epoch_losses = []
    for _ in range(EPOCHS):
        for x, y in train_ds:
            train_step(x, y)
        epoch_losses.append(float(loss_metric.result()))
        train_accuracy = float(accuracy_metric.result())
        # Metrics accumulate across calls: reset them, or epoch 2 averages in epoch 1.
        loss_metric.reset_state()
        accuracy_metric.reset_state()

    test_accuracy = evaluate(model, test_ds)
    print("trainable variables:", len(model.trainable_variables))
    print("regularization losses:", len(model.losses))
    print("optimizer steps:", int(optimizer.iterations.numpy()))
    print("loss decreased:", epoch_losses[-1] < epoch_losses[0])
    print("train accuracy > 0.9:", train_accuracy > 0.9)
    print("test accuracy > 0.9:", test_accuracy > 0.9)


if __name__ == "__main__":
    main()
