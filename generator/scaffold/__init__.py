"""Start a new record: ``replika new`` (practice or journey) and ``replika from-issue``.

Design (documented for contributors in ``docs/kontribusi/index.md``):

* ``new`` copies ``practices/_templat.yaml`` and fills in what it asked for
  (id, title, city, province, sector, types, date checked, and optionally
  status and evidence level). Every other field keeps its empty value and its
  ``# ISI: ...`` comment. An empty required field is invalid, so the draft
  deliberately does **not** pass ``replika validate`` until a person has filled
  it in: a half-finished record can never reach the site. ``new`` validates the
  draft anyway and sorts the problems: those on ``# ISI`` lines are the list of
  what is left to fill (exit 0); anything else would be a real error, and is
  caught on a temporary copy before the record is written.
* ``from-issue`` reads the Markdown GitHub renders from the issue form
  ``.github/ISSUE_TEMPLATE/usulan-praktik.yml`` (generated from
  :data:`generator.issueform.FORM` by ``replika schema``) and writes a complete
  draft that validates, or names the form sections to fix and writes nothing.
* ``new --pembelajaran`` writes a learning-journey draft the same way.

Neither command ever overwrites a file: the record is created with ``open(...,
"x")`` (:func:`generator.scaffold.draft.create_new`), so an existing file is
left untouched.

Modules, from the bottom up: ``errors``; ``regions`` (the registry's cities),
``choices`` (closed-list answers), ``fields`` (title and id checks, the derived
id); ``yamlwriter`` (YAML text); ``prompter`` (questions at a terminal);
``draft`` (check and create the file, the report); then one module per
command: ``wizard`` (``new``), ``issue_parser`` + ``from_issue``
(``from-issue``) and ``journey`` (``new --pembelajaran``). This file imports
nothing, so importing one of them loads only what it needs.
"""
