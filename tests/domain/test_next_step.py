"""The step a person's next 记录一步 opens on: after the last one behind them."""

from __future__ import annotations

from datetime import date

from partybook.domain.members import Stage
from partybook.domain.pipeline import Event, Kind, Path, next_step


def _path(*steps: int, others: tuple[Kind, ...] = ()) -> Path:
    events = [Event(1, Kind.STEP, date(2020, 1, 1 + i), step=n) for i, n in enumerate(steps)]
    events += [Event(1, kind, date(2021, 1, 1)) for kind in others]
    return Path(events)


def test_a_new_applicant_is_past_the_application() -> None:
    assert next_step(_path(), Stage.APPLICANT) == 2
    assert next_step(_path(1), Stage.APPLICANT) == 2
    assert next_step(_path(1, 2), Stage.APPLICANT) == 3


def test_the_stage_proves_the_steps_before_it() -> None:
    """A person entered at 建账 with no record: their stage says where they are."""
    assert next_step(_path(), Stage.ACTIVIST) == 4
    assert next_step(_path(), Stage.CANDIDATE) == 8
    assert next_step(_path(), Stage.PROBATIONARY) == 18
    assert next_step(_path(), Stage.FULL) == 25


def test_the_step_after_the_last_recorded_one_not_an_old_gap() -> None:
    assert next_step(_path(1, 2, 3, 5), Stage.ACTIVIST) == 6
    assert next_step(_path(*range(1, 6), *range(7, 21)), Stage.PROBATIONARY) == 21
    assert next_step(_path(4), Stage.APPLICANT) == 5  # recorded ahead of the stored stage


def test_other_events_are_not_steps() -> None:
    kinds = (Kind.ASSESSMENT, Kind.REPORT, Kind.RECOMMENDATION)
    assert next_step(_path(1, 2, 3, others=kinds), Stage.ACTIVIST) == 4


def test_nothing_after_the_last_step() -> None:
    assert next_step(_path(*range(1, 26)), Stage.FULL) is None
    assert next_step(_path(25), Stage.FULL) is None
