"""Published sources that several claims cite: title (with its date or venue) and address."""
from claims.spec import Source

KARPATHY_MISTAKES = Source(
    "Andrej Karpathy, \"most common neural net mistakes\" (tweet thread, 1 July 2018)",
    url="https://twitter.com/karpathy/status/1013244313327681536")
KARPATHY_RECIPE = Source(
    "Andrej Karpathy, \"A Recipe for Training Neural Networks\" (blog post, 25 April 2019)",
    url="https://karpathy.github.io/2019/04/25/recipe/")


def pytorch_docs(name: str) -> Source:
    """PyTorch's reference page of `name`, e.g. "torch.nn.Dropout"."""
    return Source(f"PyTorch documentation, {name}",
                  url=f"https://docs.pytorch.org/docs/stable/generated/{name}.html")
