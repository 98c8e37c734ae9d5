"""Exercise 6: gradient descent by hand (chapter 2, section 3, "Gradient Descent in Action").

Turn the section's loop into a function that works for any scalar function, then find a
learning rate that makes it fail. torch.optim is NOT allowed here: the loop is the point
(the grader reads your code and watches what it calls). Run `grade ex6` to check.

The section's function f(x) = (x - 5)**2 from x0 = 0 with lr = 0.1 gives the values
25.0, 16.0, 10.24, ... and, after 20 steps, x = 4.942354 (= 5 * (1 - 0.8**20)).
The book prints "Final x = 4.985981" under that code: that figure is a misprint; the
code really computes 4.942354.
"""

import torch


def descend(fn, x0, lr, steps):
    """Plain gradient descent on a scalar function; return (final_x, values).

    - fn maps a 0-dim tensor to a 0-dim tensor, e.g. lambda x: (x - 5) ** 2. The grader
      also passes functions you have never seen, so use autograd, not a derivative by hand.
    - x0 (the start) and lr (the learning rate) are Python numbers; an int such as 0 must
      work too. steps is how many updates to make (0 is allowed).
    - Hold x as a 0-dim tensor that requires grad. For each step: compute fn(x), record its
      value, backpropagate, update x -= lr * x.grad WITHOUT recording the update in the
      graph (torch.no_grad()), and clear the gradient for the next step.
    - Return final_x as a Python float and values as a list of `steps` Python floats:
      values[k] is fn(x) at the start of step k, BEFORE that step's update.
    """
    raise NotImplementedError


# A learning rate at which descend(lambda x: (x - 5) ** 2, 0.0, lr, 50) moves AWAY from 5
# instead of towards it (after 50 steps |x - 5| is larger than 5, or x is inf or nan).
# Work out what one step does to the distance x - 5 for a given lr.
DIVERGING_LR = None
