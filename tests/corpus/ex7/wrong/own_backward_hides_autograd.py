"""WRONG (autograd behind an own method named backward): the network is a class whose backward() method calls Tensor.backward on its output, with requires_grad_ reached through getattr, so the gradients are autograd's, not the chain rule's; naming one's own method `backward` is allowed, using autograd inside it is not."""

import torch


class Net:
    def __init__(self, *params):
        switch = "requires" + "_grad_"
        self.params = [getattr(p.detach().clone(), switch)() for p in params]

    def forward(self, x):
        W1, b1, W2, b2 = self.params[1:]
        self.out = torch.relu(self.params[0] @ W1.T + b1) @ W2 + b2
        return self.out

    def backward(self, grad_out):
        self.out.backward(grad_out)
        return [p.grad for p in self.params]


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    net = Net(x, W1, b1, W2, b2)
    net.forward(x)
    gx, gW1, gb1, gW2, gb2 = net.backward(grad_out)
    return {"x": gx, "W1": gW1, "b1": gb1, "W2": gW2, "b2": gb2}


def chain_rule_example():
    return 28.0, 14.0
