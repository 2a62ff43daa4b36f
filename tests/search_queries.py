"""Queries a reader types, and the question each must surface in the top three results.

Identifiers, partial identifiers and phrasings that differ from the headings
are all here on purpose. Add queries as chapters land.

A known limit of the index: an identifier made of common words ranks by
those words. "tf.function" is split into "tf" and "function", and the many
headings about activation *functions* outrank the graph question; so does
the prefix match in "non-max suppression" (max* finds maxout). The queries
below are how readers phrase those topics in practice.
"""

SEARCH_QUERIES = [
    # Identifiers, whole and in parts
    ("tf.GradientTape", "custom-training-loop"),
    ("GradientTape", "custom-training-loop"),
    ("tf.function graph", "computational-graph"),
    ("tf.Variable", "tf-variables"),
    ("tf.Variable assign", "tf-variables"),
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
    ("custom training loop", "custom-training-loop"),
    ("input pipeline shuffle batch", "tf-data-pipeline"),
    ("pytorch", "tensorflow-vs-pytorch"),
    ("keras file format", "save-and-load-model"),
    ("ModelCheckpoint", "keras-callbacks"),
    ("image classifier", "sequential-classifier"),
    # Fundamentals, activations, training
    ("XOR", "perceptron-vs-mlp"),
    ("what does a dense layer compute", "layer-computation"),
    ("linear layers collapse", "linear-only-network"),
    ("decision tree", "network-vs-decision-tree"),
    ("logistic regression", "logistic-regression-glm"),
    ("tensor rank", "what-is-a-tensor"),
    ("dying ReLU", "relu"),
    ("LeakyReLU", "leaky-relu-elu"),
    ("softmax overflow", "softmax"),
    ("softsign", "softsign"),
    ("maxout", "maxout"),
    ("chain rule", "backpropagation"),
    ("mini-batch", "batch-vs-stochastic-gd"),
    ("clipnorm", "exploding-gradient"),
    ("Adam momentum RMSprop", "optimizers"),
    ("zero initialization", "weight-initialization"),
    ("learning rate too high", "learning-rate"),
    ("normalizing input features", "data-normalization"),
    ("random search", "hyperparameter-search"),
    # Sequence models
    ("LSTM gates", "lstm"),
    ("GRU reset_after", "gru-vs-lstm"),
    ("return_sequences", "rnn-input-output-types"),
    ("backpropagation through time", "backprop-through-time"),
    ("Bidirectional", "bidirectional-rnn"),
    ("LSTM forget gate", "lstm"),
    # Regularization and CNNs
    ("BatchNormalization", "batch-normalization"),
    ("dropout rate", "dropout-rate"),
    ("IoU", "object-localization-iou"),
    ("VGG16", "vgg"),
    ("Siamese", "siamese-one-shot"),
    # NLP, generative models, applied
    ("TF-IDF", "tf-idf"),
    ("perplexity", "perplexity"),
    ("masked language model", "masked-language-modeling"),
    ("GAN generator discriminator", "gan"),
    ("autoencoder bottleneck", "autoencoder"),
    ("restricted Boltzmann machine", "boltzmann-machine"),
    ("precision recall", "evaluate-model"),
    ("multi-label sigmoid", "multiclass-vs-multilabel"),
    # Transformers and attention
    ("causal mask future tokens", "causal-mask"),
    ("why multiple attention heads", "multi-head-attention"),
    ("cross attention encoder decoder", "self-vs-cross-attention"),
    ("sinusoidal positional encoding", "positional-encoding"),
    ("rotary embeddings", "rope"),
    ("flashattention memory quadratic", "attention-complexity"),
    ("grouped query attention kv cache", "mqa-gqa"),
    ("why are llms decoder only", "encoder-decoder-variants"),
    ("rmsnorm vs layernorm", "layer-norm-in-transformers"),
    ("pre-norm post-norm", "pre-vs-post-norm"),
    ("swiglu", "transformer-ffn"),
    ("mixture of experts router load balancing", "mixture-of-experts"),
    ("extend context window yarn", "context-length-extension"),
    ("tie embedding and output weights", "weight-tying"),
    ("gpt parameter count 12 L d^2", "transformer-parameter-count"),
]
