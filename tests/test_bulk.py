"""flows.tasks.Bulk: large task arguments Prefect does not walk item by item."""

import pickle

from prefect.utilities.collections import visit_collection

from flows.sources import RawInput
from flows.tasks import Bulk, unbulk


def _visits(expr) -> int:
    seen = []
    visit_collection(expr, visit_fn=lambda x: seen.append(x) or x, return_data=False)
    return len(seen)


def test_prefect_visits_a_bulk_argument_once_and_a_plain_list_per_item():
    items = [RawInput(f"a/{i}.txt", f"{i:064x}", b"x", "text/plain") for i in range(500)]
    assert _visits(items) > 500 * 4  # the list, each dataclass and each of its fields
    assert _visits(Bulk(items)) == 1


def test_unbulk_returns_the_value_and_passes_plain_values_through():
    items = [1, 2, 3]
    assert unbulk(Bulk(items)) is items
    assert unbulk(items) is items


def test_bulk_survives_pickling_to_a_worker_process():
    value = {"doc-1", "doc-2"}
    assert unbulk(pickle.loads(pickle.dumps(Bulk(value)))) == value
