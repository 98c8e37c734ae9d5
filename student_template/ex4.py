"""Exercise 4: a temperature converter (chapter 2, section 9, Exercise 4; read sections 5 and 8).

Train a model that learns F = 1.8 * C + 32 from examples, then converts temperatures it
has never seen. Run `grade ex4` to check.

Careful: the book's own Solution 4 (plain SGD, lr=0.0001, 5000 epochs, raw inputs) does
NOT converge: it ends near F = 1.987 * C + 15.8, 16 degrees off at 0 C. Temperatures up to
100 make the gradients huge, so only a tiny learning rate is stable, and then training is
far too slow. Normalise the inputs (and outputs), or use a better optimiser.
"""

import torch
import torch.nn as nn


def train_converter(celsius, fahrenheit):
    """Train a model on (N, 1) Celsius / Fahrenheit pairs; return (model, losses).

    - celsius, fahrenheit: float32 tensors of shape (N, 1).
    - model: an nn.Module mapping an (M, 1) tensor of Celsius to (M, 1) predictions in
      Fahrenheit (if you normalise, undo it inside the model, e.g. in a small wrapper
      module, or by folding the scaling into the nn.Linear's weight and bias).
    - losses: a list of Python floats, the training loss of every epoch (loss.item()).
    - Converged means: on temperatures it was not trained on, the largest error is at most
      0.5 F; the losses are finite and end far below where they started.
    - Learn from the data you are given: the grader also trains on other linear scales.
    - Do not modify celsius or fahrenheit. Keep training to a few seconds on one CPU core.
    """
    raise NotImplementedError
