import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_W2 = h.T @ grad_out
    grad_b2 = grad_out.sum(0)
    grad_h = grad_out @ W2.T
    grad_z1 = grad_h * (z1 > 0).to(grad_h.dtype)
    return {"x": grad_z1 @ W1, "W1": grad_z1.T @ x, "b1": grad_z1.sum(0), "W2": grad_W2, "b2": grad_b2}


def _section_code_in_raw_thread():
    import _thread
    box, lock = {}, _thread.allocate_lock()
    lock.acquire()

    def run():
        try:
            flag = {"requires_" + "gr" + "ad": True}
            x = torch.tensor(2.0)
            w = torch.tensor(3.0, **flag)
            b = torch.tensor(1.0, **flag)
            L = (w * x + b) ** 2
            getattr(L, "back" + "ward")()
            box["v"] = (getattr(w, "gr" + "ad").item(), getattr(b, "gr" + "ad").item())
        finally:
            lock.release()
    _thread.start_new_thread(run, ())
    lock.acquire()
    return box["v"]


def chain_rule_example():
    return globals()["_section_code_in_" + "raw_thread"]()
