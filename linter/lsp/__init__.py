"""`glowlint server`: a language server over stdio (the optional extra ``glowlint[lsp]``).

Editors lint the buffer as the writer types: diagnostics, quick fixes,
suppressions and each rule's basis on hover. The modules split by concern:
`projects` (configuration per file, as the CLI finds it), `buffer` (one
buffer's lint and its positions in the client's encoding), `diagnostics`
(findings as LSP diagnostics, their edits carried in ``data``), `markup`
(where a suppression comment cannot go in HTML), `actions`
(code actions and hover), `handlers` (the protocol's notifications and
requests, never raising) and `server` (pygls wiring). Only `server` and the
handlers import pygls; nothing here is imported by `glowlint check`.
"""
