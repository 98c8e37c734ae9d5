import torch  # only for the predictions, as the book does

A, B, C, v = torch.randn(3, 4), torch.randn(4, 5), torch.randn(3, 4), torch.randn(4)
PREDICTED_SHAPES = {"a": (A @ B).shape, "b": (A + C).shape, "c": (A * C).shape, "d": list((A + v).shape),
                    "e": A.reshape(6, 2).shape, "f": A.reshape(-1).shape}


def matmul_shape(a, b):
    m, n = a
    k, p = b
    if n != k:
        raise ValueError("inner sizes must match, got " + str(n) + " and " + str(k))
    return m, p


def broadcast_shape(a, b):
    n = max(len(a), len(b))
    a = [1] * (n - len(a)) + list(a)
    b = [1] * (n - len(b)) + list(b)
    result = ()
    for x, y in zip(a, b):
        if x != y and x != 1 and y != 1:
            raise ValueError("incompatible shapes")
        result += (max(x, y) if 1 in (x, y) else x,)
    return result


def reshape_shape(shape, new_shape):
    count = 1
    for s in shape:
        count *= s
    unknown = [i for i, s in enumerate(new_shape) if s == -1]
    if len(unknown) > 1:
        raise ValueError("two -1s")
    known = 1
    for s in new_shape:
        if s != -1:
            known *= s
    result = list(new_shape)
    if unknown:
        if count % known:
            raise ValueError("does not divide")
        result[unknown[0]] = count // known
    elif known != count:
        raise ValueError("element count changes")
    return tuple(result)
