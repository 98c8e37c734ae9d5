"""VALID: PREDICTED_SHAPES given as lists of ints (explicitly accepted), shape functions use index arithmetic in while loops and never build intermediate padded tuples; errors are raised with the inner sizes in a different wording."""

PREDICTED_SHAPES = {"a": [3, 5], "b": [3, 4], "c": [3, 4], "d": [3, 4], "e": [6, 2], "f": [12]}


def matmul_shape(a, b):
    m, n = int(a[0]), int(a[1])
    k, p = int(b[0]), int(b[1])
    if n == k:
        return m, p
    raise ValueError("cannot multiply: left has %d columns but right has %d rows" % (n, k))


def broadcast_shape(a, b):
    a = list(a)
    b = list(b)
    i, j = len(a) - 1, len(b) - 1
    rev = []
    while i >= 0 or j >= 0:
        x = a[i] if i >= 0 else 1
        y = b[j] if j >= 0 else 1
        if x == 1:
            rev.append(y)
        elif y == 1 or y == x:
            rev.append(x)
        else:
            raise ValueError("incompatible sizes %d and %d" % (x, y))
        i -= 1
        j -= 1
    rev.reverse()
    return tuple(rev)


def reshape_shape(shape, new_shape):
    numel = 1
    for s in shape:
        numel *= s
    dims = list(new_shape)
    if dims.count(-1) > 1:
        raise ValueError("more than one -1")
    for s in dims:
        if s < -1:
            raise ValueError("size %d is below -1" % s)
    rest = 1
    for s in dims:
        if s != -1:
            rest *= s
    if -1 in dims:
        if rest == 0:
            raise ValueError("cannot infer -1 next to a zero size")
        q, r = divmod(numel, rest)
        if r:
            raise ValueError("element counts differ")
        dims[dims.index(-1)] = q
    elif rest != numel:
        raise ValueError("element counts differ: %d vs %d" % (numel, rest))
    return tuple(dims)
