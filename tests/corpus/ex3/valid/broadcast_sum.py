"""VALID: no matrix multiplication at all: both layers are broadcast products summed over an axis, and ReLU is z * (z > 0); build_model fills the layers from one flat vector with nn.utils.vector_to_parameters."""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    z = (x[:, None, :] * W1[None, :, :]).sum(dim=2) + b1      # (batch, n_hidden)
    a = z * (z > 0).to(z.dtype)
    return (a[:, :, None] * W2[None, :, :]).sum(dim=1) + b2    # (batch, n_out)


def build_model(W1, b1, W2, b2):
    n_hidden, n_in = W1.shape
    n_out = W2.shape[1]
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
    flat = torch.cat([W1.reshape(-1), b1.reshape(-1), W2.T.reshape(-1), b2.reshape(-1)])
    with torch.no_grad():
        nn.utils.vector_to_parameters(flat.detach().float().clone(), model.parameters())
    return model
