"""VALID: forward implements the ReLU as z * (z > 0): the same values as relu, and the same gradient (the mask, which is 0 at exactly z = 0, as PyTorch's relu), with torch.matmul and W1.mT. build_model concatenates the four (detached, W2 transposed) tensors into one NEW vector and hands it to torch.nn.utils.vector_to_parameters, so the parameters become views of that fresh vector: they share no memory with W1, b1, W2 or b2, and the arguments are untouched.
"""
import torch
import torch.nn as nn
from torch.nn.utils import vector_to_parameters


def forward(x, W1, b1, W2, b2):
    z1 = torch.matmul(x, W1.mT) + b1
    a1 = z1 * (z1 > 0)
    return torch.matmul(a1, W2) + b2


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
    pieces = [W1.detach(), b1.detach(), W2.detach().T, b2.detach()]
    flat = torch.cat([p.reshape(-1).to(torch.float32) for p in pieces])
    vector_to_parameters(flat, model.parameters())
    return model
