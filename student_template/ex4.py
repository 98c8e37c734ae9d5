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
    """Train a model on (N, 1) Celsius / Fahrenheit pairs; return the tuple (model, losses).

    - celsius, fahrenheit: float32 tensors of shape (N, 1). Do not modify them.
    - model: an nn.Module mapping an (M, 1) tensor of Celsius to (M, 1) floating-point
      predictions in Fahrenheit (if you normalise, undo it inside the model, e.g. in a small
      wrapper module, or by folding the scaling into the nn.Linear's weight and bias).
      model(x) must not modify x, and each prediction depends on its own row only (a
      temperature converts the same alone as among others: normalise with statistics of
      the training data kept in the model, never of x). Return the model you trained, with
      its trainable parameters (not a lookup table), whose predictions depend on them (the
      grader nudges them and expects other predictions), holding everything it needs itself:
      training another model later must not change it (no global state).
    - losses: a non-empty list of Python floats (loss.item()), one per epoch, the run's own:
      the loss the epoch backpropagated; with mini-batches their mean, sum or last; or the
      loss on the whole training data measured during or after that epoch. With LBFGS an
      epoch is one optimizer.step(closure), however often it calls the closure. Thinned,
      truncated, smoothed or invented lists are wrong (the grader sees the backward passes).
    - Converged means: on temperatures it was not trained on, anywhere inside the training
      range (its ends included), the largest error is at most 0.5 F; the losses are finite
      and the last is below 1% of the first.
    - Learn from the data you are given: the grader also trains on other linear scales and
      ranges (narrow ones too; with a little noise, the least-squares line is the target),
      holding each to the same 0.5 F (or its equivalent in that scale's units).
    - Keep training to a few seconds on one CPU core.
    """
    raise NotImplementedError
