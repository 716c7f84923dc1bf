"""Each of the project's apps keeps one linear migration history: one leaf, and no migration with
two parents in its own app (a merge). Parallel branches are rebased onto the leaf instead, so
every installation applies the same migrations in the same order."""

from pathlib import Path

import pytest
from django.apps import apps
from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parent.parent
PROJECT_APPS = sorted(
    config.label
    for config in apps.get_app_configs()
    # The project's own code, not the packages a virtualenv inside the checkout holds.
    if Path(config.path).is_relative_to(ROOT) and "site-packages" not in Path(config.path).parts
)


@pytest.fixture(scope="module")
def graph():
    return MigrationLoader(None, ignore_no_migrations=True).graph


def test_the_project_apps_are_found():
    assert {"commendations", "workflow"} <= set(PROJECT_APPS)


@pytest.mark.parametrize("app_label", PROJECT_APPS)
def test_an_app_has_one_leaf_migration(graph, app_label):
    assert len(graph.leaf_nodes(app_label)) == 1, graph.leaf_nodes(app_label)


@pytest.mark.parametrize("app_label", PROJECT_APPS)
def test_no_migration_has_two_parents_in_its_app(graph, app_label):
    parents = {
        key[1]: sorted(parent.key[1] for parent in node.parents if parent.key[0] == app_label)
        for key, node in graph.node_map.items()
        if key[0] == app_label
    }
    assert {name: names for name, names in parents.items() if len(names) > 1} == {}
