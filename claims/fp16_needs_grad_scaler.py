"""float16 autocast without a GradScaler loses small gradients to underflow and trains worse;
bfloat16 needs no scaler.

Why believed: float16's smallest normal number is 6e-5 and its smallest subnormal 6e-8; many
activation gradients lie below, and become zero. Scaling the loss by a large factor before the
backward pass, and the gradients back down before the step, keeps them representable
(Micikevicius et al., section 3.2; torch.amp.GradScaler). bfloat16 has float32's exponent range.
Arms, a 1-block pre-LN transformer (width 32, 2 heads, vocabulary 64) on the synthetic Markov
language, Adam 3e-3 with cosine decay for 64 steps of 32 sequences (float16 products are slow
on a CPU: 6 times float32's time here), float32 parameters: `fp16-scaled` (float16
autocast, GradScaler), `fp16` (float16 autocast, no scaler) and the null `fp16-scaled-slow`
(lr 3e-4). Check: fp16 worse than fp16-scaled on the held-out next-token loss, by 0.02 nats.
bfloat16 autocast, scaler-free, is bf16-weights-need-fp32-master's `fp32-master` arm.
On the CPU this needs a torch whose CPU autocast runs float16 and that has
torch.amp.GradScaler; elsewhere the item skips, saying so.
"""
import dataclasses

from claims.setups import LANGUAGE_TRANSFORMER, language_budgets
from fixtures.core.spec import Arm, Check, ClaimSpec, Source, Threshold
from fixtures.rules.stats import Verdict

SCALED = {"autocast": "float16", "grad_scaler": True}

CLAIM = ClaimSpec(
    id="fp16-needs-grad-scaler",
    statement="Under float16 autocast, a transformer trained without a GradScaler ends at least "
              "0.02 nats behind one trained with it in held-out loss.",
    sources=(Source("Micikevicius et al., \"Mixed Precision Training\" (ICLR 2018), section 3.2",
                    url="https://arxiv.org/abs/1710.03740"),
             Source("PyTorch documentation, Automatic Mixed Precision (torch.amp): gradient "
                    "scaling", url="https://docs.pytorch.org/docs/stable/amp.html#gradient-scaling")),
    arms=(Arm("fp16-scaled", LANGUAGE_TRANSFORMER, "float16 autocast with torch.amp.GradScaler",
              overrides=SCALED),
          Arm("fp16", LANGUAGE_TRANSFORMER, "float16 autocast, no scaler",
              overrides={"autocast": "float16"}),
          Arm("fp16-scaled-slow", LANGUAGE_TRANSFORMER, "the null: fp16-scaled at lr 3e-4",
              overrides={**SCALED, "lr": 3e-4})),
    checks=(Check(kind="worse_than", metric="test_loss", treatment="fp16", control="fp16-scaled",
                  null="fp16-scaled-slow", threshold=Threshold(margin=0.02)),),
    datasets=("markov-language",),
    budgets={"smoke": dataclasses.replace(language_budgets(3e-3)["smoke"], batch_size=32, epochs=1),
             "full": language_budgets(3e-3)["full"]},
    expected={"smoke": Verdict.DOES_NOT_HOLD},
    reported={},
)
