def forward(x, W1, b1, W2, b2):
    return (x @ W1.T + b1) @ W2 + b2


def build_model(W1, b1, W2, b2):
    raise NotImplementedError
