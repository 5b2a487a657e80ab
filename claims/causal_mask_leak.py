"""A next-token model without a causal mask beats chance on tokens no past can predict.

Why believed: without the mask, position t attends to token t+1, the very token it is asked
for, and learns to copy it; the held-out loss then falls far below ln V, which no model that
reads only the past can reach on uniform random tokens (reported against nanoGPT's hand-written
mask and asked of GPT-2's in transformers; neural_net_checklist checks for it).
Arms, a 1-block pre-LN transformer (width 32, 2 heads) on uniform random tokens (vocabulary 16,
16 positions), Adam 3e-3: `causal` (SDPA's causal flag), `explicit-mask` (a boolean
lower-triangular mask) and `no-mask`. Checks, on the held-out loss over ln 16: no-mask ends far
below 1; both masked arms stay at 1, each with `no-mask` as its null. At the full budget (4
blocks of width 128, 10 epochs) `no-mask` ends at 0.064-0.067 of ln 16, near the floor of 1/16
(the last position's next token is not in the input); the masked arms at 1.001-1.006, in 100 of
100 seeds.
"""
from functools import partial

from fixtures.core.config import TrainConfig
from fixtures.core.spec import Arm, Check, ClaimSpec, Source, Threshold
from fixtures.engine.transformer import transformer
from fixtures.rules.stats import Verdict


def budgets() -> dict[str, TrainConfig]:
    return {
        # 128 steps on 4 096 sequences: about 0.7 s a run on 2 cores
        "smoke": TrainConfig("adam", 3e-3, batch_size=64, epochs=2, loss="token_cross_entropy",
                             task="next-token"),
        # No source names a setting: 4 blocks of width 128 for 10 epochs
        "full": TrainConfig("adam", 3e-3, batch_size=64, epochs=10, loss="token_cross_entropy",
                            task="next-token",
                            model_args=(("depth", 4), ("width", 128), ("heads", 4))),
    }


def stays_at_chance(arm: str) -> Check:
    return Check(kind="at_least", metric="loss_over_uniform", treatment=arm, null="no-mask",
                 threshold=Threshold(margin=0.98))


CLAIM = ClaimSpec(
    id="causal-mask-leak",
    statement="Without a causal mask, a next-token model's held-out loss on uniform random "
              "tokens falls far below ln V, the loss of a uniform guess; with the mask, by the "
              "causal flag or an explicit mask, it stays there.",
    sources=(Source("\"Bug in Causal Masking Custom Implementation?\" (nanoGPT, GitHub #331, "
                    "2023)", url="https://github.com/karpathy/nanoGPT/issues/331"),
             Source("\"Is there a data leakage in causal masking?\" (transformers, GitHub "
                    "#22001, 2023)", url="https://github.com/huggingface/transformers/issues/22001"),
             Source("neural_net_checklist: forward causal property",
                    url="https://github.com/BlackHC/neural_net_checklist")),
    arms=(Arm("causal", transformer, "is_causal=True, as nanoGPT calls SDPA"),
          Arm("explicit-mask", partial(transformer, mask="explicit"),
              "a boolean lower-triangular attn_mask"),
          Arm("no-mask", partial(transformer, mask="none"), "no mask: each position sees the "
                                                             "next token")),
    checks=(Check(kind="at_most", metric="loss_over_uniform", treatment="no-mask", null="causal",
                  threshold=Threshold(margin=0.5)),
            stays_at_chance("causal"), stays_at_chance("explicit-mask")),
    datasets=("uniform-tokens",),
    budgets=budgets(),
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={},
)
