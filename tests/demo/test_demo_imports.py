"""The demo's modules: rows are plain data, one loader reads them, and no import goes in a circle."""

import re

import grimp
import pytest


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("app", exclude_type_checking_imports=True)


def _demo(graph) -> list[str]:
    return sorted(m for m in graph.modules if m == "app.demo" or m.startswith("app.demo."))


def test_no_demo_module_imports_one_that_imports_it_back(graph):
    circles = [
        (importer, imported)
        for importer in _demo(graph)
        for imported in graph.find_modules_directly_imported_by(importer)
        if imported.startswith("app.demo")
        and graph.chain_exists(importer=imported, imported=importer)
    ]
    assert circles == []


def test_rows_import_no_other_demo_module(graph):
    for module in _demo(graph):
        if module.startswith("app.demo.rows"):
            demo_imports = {
                m
                for m in graph.find_modules_directly_imported_by(module)
                if m.startswith("app.demo")
            }
            assert demo_imports <= {"app.demo.rows"} | {
                m for m in demo_imports if m.startswith("app.demo.rows.")
            }, module


def test_no_demo_module_imports_a_private_name_of_another(graph):
    for module in _demo(graph):
        for imported in graph.find_modules_directly_imported_by(module):
            if not imported.startswith("app.demo"):
                continue
            for detail in graph.get_import_details(importer=module, imported=imported):
                names = re.sub(r"^.*\bimport\b", "", detail["line_contents"]).strip("() ")
                first = [name.split()[0] for name in names.split(",") if name.strip()]
                assert not [n for n in first if n.startswith("_")], detail
