"""The transformer builder and its data: what the mask lets a position see, SDPA against the
arithmetic written out, tied weights, and a next-token task's measures."""
from __future__ import annotations

import math

import pytest
import torch

from fixtures.core.config import token_cross_entropy
from fixtures.core.tasks import TASKS
from fixtures.data.sequences import VOCAB, uniform_tokens
from fixtures.engine import transformer as module
from fixtures.engine.seeding import seed_everything
from fixtures.engine.transformer import transformer


def _model(**options):
    seed_everything(0)
    return transformer(depth=2, **options).eval()


def _future_changed(tokens: torch.Tensor, at: int) -> torch.Tensor:
    changed = tokens.clone()
    changed[:, at + 1:] = (changed[:, at + 1:] + 1) % VOCAB
    return changed


@torch.no_grad()
@pytest.mark.parametrize("mask", ["causal", "explicit"])
def test_a_masked_position_sees_only_the_past(mask):
    tokens = torch.randint(0, VOCAB, (4, 16), generator=torch.Generator().manual_seed(1))
    model = _model(mask=mask)
    before, after = model(tokens), model(_future_changed(tokens, 7))
    assert torch.equal(before[:, :8], after[:, :8])
    assert not torch.allclose(before[:, 8:], after[:, 8:])


@torch.no_grad()
def test_without_a_mask_a_position_sees_the_future():
    tokens = torch.randint(0, VOCAB, (4, 16), generator=torch.Generator().manual_seed(1))
    model = _model(mask="none")
    assert not torch.allclose(model(tokens)[:, :8], model(_future_changed(tokens, 7))[:, :8])


@torch.no_grad()
@pytest.mark.parametrize(("mask", "scale"), [("causal", None), ("explicit", None),
                                             ("none", None), ("causal", 1.0)])
def test_sdpa_and_the_arithmetic_written_out_agree(monkeypatch, mask, scale):
    q, k, v = torch.randn(3, 2, 2, 16, 8, generator=torch.Generator().manual_seed(2))
    through_sdpa = module.attend(q, k, v, mask, scale)
    monkeypatch.setattr(module, "_SDPA", False)  # as under torch 1.13
    assert torch.allclose(module.attend(q, k, v, mask, scale), through_sdpa, atol=1e-6)


def test_tied_weights_are_one_tensor_and_bad_options_are_named():
    model = transformer(tie=True)
    assert model.head.weight is model.embedding.weight
    assert sum(p.numel() for p in model.parameters()) < sum(
        p.numel() for p in transformer().parameters())
    with pytest.raises(ValueError, match="mask one of"):
        transformer(mask="future")
    with pytest.raises(ValueError, match="width that heads divide"):
        transformer(width=30, heads=4)


def test_next_token_measures_and_loss():
    data = uniform_tokens(torch.device("cpu"))
    assert data.x_train.shape == (4096, 16) and torch.equal(data.x_train[:, 1:], data.y_train[:, :-1])
    uniform = torch.zeros(*data.y_test.shape, VOCAB)
    measured = TASKS["next-token"].measure(uniform, data.y_test)
    assert measured["loss_over_uniform"] == pytest.approx(1.0)
    perfect = torch.nn.functional.one_hot(data.y_test, VOCAB).float() * 50
    assert TASKS["next-token"].measure(perfect, data.y_test)["seq_acc"] == 1.0
    per_token = token_cross_entropy(uniform, data.y_test, reduction="none")
    assert per_token.shape == data.y_test.shape
    assert per_token.mean().item() == pytest.approx(math.log(VOCAB))


def test_embedding_std_draws_both_tables_small_and_ties_the_head_to_them():
    seed_everything(0)
    gpt2 = transformer(vocab=64, width=32, embedding_std=0.02, tie=True)
    for table in (gpt2.embedding.weight, gpt2.position.weight):
        assert 0.015 < table.std().item() < 0.025
    assert gpt2.head.weight is gpt2.embedding.weight
    assert transformer(vocab=64, width=32).embedding.weight.std().item() > 0.8  # torch's N(0, 1)


def test_the_markov_language_follows_its_chain_and_no_model_beats_its_entropy():
    from fixtures.data.sequences import (
        CLASSES,
        FOLLOWERS,
        WORDS,
        entropy_rate,
        language_model,
        markov_language,
    )
    data = markov_language(torch.device("cpu"))
    again = markov_language(torch.device("cpu"))
    assert torch.equal(data.x_train, again.x_train) and torch.equal(data.y_test, again.y_test)
    assert torch.equal(data.x_train[:, 1:], data.y_train[:, :-1])  # targets: one step on
    transitions, _ = language_model()
    assert (transitions > 0).sum(1).tolist() == [len(FOLLOWERS)] * CLASSES
    tokens = torch.cat([data.x_train, data.y_train[:, -1:]], 1)
    classes = tokens // WORDS
    assert bool((transitions[classes[:, :-1], classes[:, 1:]] > 0).all())
    assert int(tokens.max()) < CLASSES * WORDS
    assert 0 < entropy_rate() < math.log(CLASSES * WORDS)
    # the empirical next-token entropy given the previous word sits at the entropy rate
    counts = torch.zeros(CLASSES * WORDS, CLASSES * WORDS)
    counts.index_put_((tokens[:, :-1].flatten(), tokens[:, 1:].flatten()),
                      torch.ones(tokens[:, 1:].numel()), accumulate=True)
    p = counts / counts.sum(1, keepdim=True).clamp_min(1)
    empirical = -(counts * p.clamp_min(1e-12).log()).sum() / counts.sum()
    assert abs(empirical.item() - entropy_rate()) < 0.1


def test_a_draw_follows_each_rows_probabilities_and_never_picks_a_zero():
    from fixtures.data.sequences import draw

    p = torch.tensor([[0.0, 0.5, 0.0, 0.5], [0.6, 0.3, 0.1, 0.0]], dtype=torch.float64)
    picked = draw(p.repeat(50_000, 1), torch.Generator().manual_seed(0)).view(50_000, 2)
    for row in range(2):
        share = torch.bincount(picked[:, row], minlength=4).double() / 50_000
        assert torch.allclose(share, p[row], atol=0.01)
        assert bool((share[p[row] == 0] == 0).all())
    again = draw(p.repeat(50_000, 1), torch.Generator().manual_seed(0)).view(50_000, 2)
    assert torch.equal(picked, again)


def test_the_markov_language_is_one_draw_under_every_torch_release():
    """The tokens as drawn under torch 1.13.1, 2.0.1, 2.1.2 and 2.15.0 alike: a release whose
    uniform stream changed would train every markov-language claim on other sequences, and a
    compare across releases would read the new language as a change in training."""
    import hashlib

    from fixtures.data.sequences import markov_language

    data = markov_language(torch.device("cpu"))
    tokens = torch.cat([data.x_train, data.y_train[:, -1:]], 1)
    assert hashlib.sha256(repr(tokens.flatten().tolist()).encode()).hexdigest()[:16] == \
        "861bf66133c3e6c3"


def test_attention_logits_are_those_the_forward_pass_softmaxes_and_grow_unscaled():
    from fixtures.engine.probes import attention_logit_max

    seed_everything(0)
    model = transformer(vocab=VOCAB, width=32, heads=2, depth=2)
    tokens = torch.randint(0, VOCAB, (8, 16), generator=torch.Generator().manual_seed(0))
    first = model.attention_logits(tokens)[0]
    q, k, _ = model.blocks[0].attention._qkv(model.blocks[0].ln1(
        model.embedding(tokens) + model.position(torch.arange(16))))
    torch.testing.assert_close(first, q @ k.transpose(-2, -1) / math.sqrt(16))
    assert len(model.attention_logits(tokens)) == 2
    unscaled = transformer(vocab=VOCAB, width=32, heads=2, depth=2, scale=1.0)
    unscaled.load_state_dict(model.state_dict())
    scaled_max = attention_logit_max(model, tokens, tokens, None)["attention_logit_max"]
    assert attention_logit_max(unscaled, tokens, tokens, None)["attention_logit_max"] == \
        pytest.approx(4 * scaled_max, rel=1e-5)  # sqrt(16) times larger


def test_attention_weights_come_from_the_kernel_and_the_peak_reads_how_one_hot_they_are():
    """The weights the kernel returns are the softmax of the logits the model asks for; with
    queries and keys zeroed every row is uniform over what it may see: the causal peak is the
    mean of 1/1, 1/2, ... 1/16, and without a mask 1/16."""
    from fixtures.engine.probes import attention_peak

    seed_everything(0)
    model = transformer(vocab=VOCAB, width=32, heads=2, depth=2)
    tokens = torch.randint(0, VOCAB, (8, 16), generator=torch.Generator().manual_seed(0))
    logits = model.attention_logits(tokens)[1]
    past = torch.ones(16, 16, dtype=torch.bool).tril()
    torch.testing.assert_close(model.attention_weights(tokens)[1],
                               logits.masked_fill(~past, float("-inf")).softmax(-1))
    for mask, peak in (("causal", sum(1 / (i + 1) for i in range(16)) / 16), ("none", 1 / 16)):
        flat = transformer(vocab=VOCAB, width=32, heads=2, depth=2, mask=mask)
        with torch.no_grad():
            for block in flat.blocks:
                block.attention.qkv.weight[:64].zero_()
                block.attention.qkv.bias[:64].zero_()
        assert attention_peak(flat, tokens, tokens, None)["attention_peak"] == pytest.approx(peak)


def test_modular_addition_holds_every_pair_once_labelled_by_its_sum():
    from fixtures.data.sequences import MOD_TRAIN, MODULUS, modular_addition

    data = modular_addition(torch.device("cpu"))
    x, y = torch.cat([data.x_train, data.x_test]), torch.cat([data.y_train, data.y_test])
    assert len(data.y_train) == MOD_TRAIN and len(y) == MODULUS ** 2
    assert len({tuple(pair) for pair in x.tolist()}) == MODULUS ** 2  # each pair once
    assert torch.equal(y, x.sum(1) % MODULUS)
    assert torch.equal(modular_addition(torch.device("cpu")).x_test, data.x_test)  # fixed split


def test_reversal_scores_only_the_reversed_half_which_the_first_half_fixes():
    from fixtures.data.sequences import LENGTH, UNSCORED, VOCAB, reversal

    data = reversal(torch.device("cpu"))
    x, y = data.x_test, data.y_test
    half = LENGTH // 2
    assert x.shape == y.shape == (len(x), LENGTH)
    assert bool((x[:, half] == VOCAB - 1).all()) and int(x[:, :half].max()) < VOCAB - 1
    assert bool((y[:, :half] == UNSCORED).all())
    assert torch.equal(y[:, half:], x[:, :half].flip(1))
    assert not torch.equal(reversal(torch.device("cpu")).x_train[:4], x[:4])  # train and test apart


def test_associative_recall_scores_the_value_of_the_key_asked_again():
    from fixtures.data.sequences import PAIRS, UNSCORED, VOCAB, associative_recall

    data = associative_recall(torch.device("cpu"))
    x, y = data.x_train, data.y_train
    assert x.shape == (len(x), 2 * PAIRS + 1) and bool((y[:, :-1] == UNSCORED).all())
    keys, values = x[:, 0:-1:2], x[:, 1:-1:2]
    assert all(len(set(row)) == PAIRS for row in keys[:100].tolist())  # distinct keys
    assert int(keys.max()) < VOCAB // 2 <= int(values.min())
    asked = (keys == x[:, -1:]).float().argmax(1)
    assert torch.equal(y[:, -1], values[torch.arange(len(x)), asked])


def test_next_token_measures_leave_unscored_targets_out():
    from fixtures.core.tasks import next_token

    scores = torch.nn.functional.one_hot(torch.tensor([[1, 2, 3], [1, 0, 0]]), 4).float() * 10
    targets = torch.tensor([[-100, 2, 3], [-100, -100, 1]])
    measured = next_token(scores, targets)
    assert measured["test_acc"] == pytest.approx(2 / 3)   # 3 scored positions, 2 right
    assert measured["seq_acc"] == 0.5                      # the first row is right where scored
    unmasked = next_token(scores, torch.tensor([[1, 2, 3], [1, 0, 1]]))
    assert unmasked["test_acc"] == pytest.approx(5 / 6)   # plain targets: every position counts
