"""Helpers the tests (and bench/) share: servers, the graph as facts, HTML pages, browser, projects."""
