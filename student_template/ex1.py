"""Exercise 1: tensor shapes (chapter 2, section 9, Exercise 1; read sections 1 and 2).

First predict shapes in your head, then write the shape arithmetic yourself. The three
functions must NOT use torch at all (no torch.broadcast_shapes, no building tensors to
read their .shape): the grader reads your code to check. Run `grade ex1` when done.
"""

# For A = torch.randn(3, 4), B = torch.randn(4, 5), C = torch.randn(3, 4), v = torch.randn(4),
# what is the shape of:  a) A @ B   b) A + C   c) A * C   d) A + v   e) A.reshape(6, 2)
# f) A.reshape(-1)?  Write each as a tuple of ints, e.g. (2, 7).
PREDICTED_SHAPES = {
    "a": None,
    "b": None,
    "c": None,
    "d": None,
    "e": None,
    "f": None,
}


def matmul_shape(a, b):
    """Shape of X @ Y for 2-D shapes a = (m, n) and b = (n, p): return (m, p) as a tuple.

    Raise ValueError naming both inner sizes when they differ, e.g. matmul_shape((2, 3), (4, 5))
    -> ValueError("inner sizes differ: 3 vs 4").
    """
    raise NotImplementedError


def broadcast_shape(a, b):
    """Shape of X + Y for shapes a and b of any rank (including ()), by the chapter's rules:

    1. compare sizes from the RIGHT; 2. a missing dimension counts as 1;
    3. sizes must be equal or one of them 1 (the result takes the other).
    broadcast_shape((3, 4), (4,)) -> (3, 4);  broadcast_shape((4, 3), (4,)) -> ValueError.
    Return a tuple of ints.
    """
    raise NotImplementedError


def reshape_shape(shape, new_shape):
    """The shape `reshape(new_shape)` gives a tensor of shape `shape`, as a tuple of ints.

    At most one -1 is allowed; it stands for whatever size makes the element counts match:
    reshape_shape((3, 4), (-1,)) -> (12,);  reshape_shape((3, 4), (2, -1)) -> (2, 6).
    Raise ValueError when the element counts cannot match, or when more than one -1 is given.
    """
    raise NotImplementedError
