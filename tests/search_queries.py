"""Queries a reader types, and the question each must surface in the top three results.

Identifiers, partial identifiers and phrasings that differ from the headings
are all here on purpose. Add queries as chapters land.
"""

SEARCH_QUERIES = [
    # Identifiers, whole and in parts
    ("tf.GradientTape", "custom-training-loop"),
    ("GradientTape", "custom-training-loop"),
    ("tf.function", "computational-graph"),
    ("tf.Variable", "tf-variables"),
    ("assign_add", "tf-variables"),
    ("tf.constant", "tf-constants"),
    ("tf.placeholder", "placeholders-and-sessions"),
    ("Session", "placeholders-and-sessions"),
    ("tf.data", "tf-data-pipeline"),
    ("prefetch AUTOTUNE", "tf-data-pipeline"),
    ("EarlyStopping", "keras-callbacks"),
    ("ModelCheckpoint", "keras-callbacks"),
    ("load_model", "save-and-load-model"),
    ("SavedModel export", "save-and-load-model"),
    ("Sequential", "sequential-classifier"),
    # Phrasings that differ from the headings
    ("retracing", "computational-graph"),
    ("eager execution", "placeholders-and-sessions"),
    ("immutable tensor", "tf-constants"),
    ("apply gradients training step", "custom-training-loop"),
    ("input pipeline shuffle batch", "tf-data-pipeline"),
    ("pytorch", "tensorflow-vs-pytorch"),
    ("keras file format", "save-and-load-model"),
    ("stop training when validation loss stops improving", "keras-callbacks"),
    ("image classifier", "sequential-classifier"),
    # Fundamentals, activations, training
    ("XOR", "perceptron-vs-mlp"),
    ("dense layer matrix product", "layer-computation"),
    ("linear layers collapse", "linear-only-network"),
    ("decision tree", "network-vs-decision-tree"),
    ("logistic regression", "logistic-regression-glm"),
    ("rank shape dtype", "what-is-a-tensor"),
    ("dying ReLU", "relu"),
    ("LeakyReLU", "leaky-relu-elu"),
    ("softmax overflow", "softmax"),
    ("softsign", "softsign"),
    ("maxout", "maxout"),
    ("chain rule", "backpropagation"),
    ("mini-batch", "batch-vs-stochastic-gd"),
    ("clipnorm", "exploding-gradient"),
    ("Adam momentum RMSprop", "optimizers"),
    ("He initialization", "weight-initialization"),
    ("learning rate too high", "learning-rate"),
    ("min-max scaling", "data-normalization"),
    ("random search", "hyperparameter-search"),
    # Sequence models
    ("LSTM gates", "lstm"),
    ("reset_after", "gru-vs-lstm"),
    ("return_sequences", "rnn-input-output-types"),
    ("backpropagation through time", "backprop-through-time"),
    ("Bidirectional", "bidirectional-rnn"),
]
