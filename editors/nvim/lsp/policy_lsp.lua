-- policy-lsp for Neovim >= 0.11 (vim.lsp.config / vim.lsp.enable).
--
-- Put editors/nvim on 'runtimepath' (or copy this file to
-- ~/.config/nvim/lsp/policy_lsp.lua), then:
--
--   vim.lsp.enable('policy_lsp')
--
-- and override what you need, e.g.
--
--   vim.lsp.config('policy_lsp', {
--     cmd = { '/path/to/policy-lsp', 'serve' },
--     settings = { policyLsp = { locale = 'en', rules = { ['recurring-phrase'] = { severity = 'hint' } } } },
--   })
--
-- The same settings table is sent as initializationOptions (see before_init)
-- and with workspace/didChangeConfiguration; change them at run time with
--   client.settings.policyLsp.locale = 'en'
--   client:notify('workspace/didChangeConfiguration', { settings = client.settings })

local missing = table.concat({
  'policy-lsp: the server `policy-lsp` is not on PATH, so no diagnostics.',
  'Install it from a policy-lsp checkout with `cargo install --path .` (it goes to ~/.cargo/bin),',
  "or point to it: vim.lsp.config('policy_lsp', { cmd = { '/path/to/policy-lsp', 'serve' } })",
}, '\n')

---@type vim.lsp.Config
return {
  -- A function, so that a missing binary gets a message instead of silence. A `cmd` table
  -- set with vim.lsp.config replaces it.
  cmd = function(dispatchers)
    if vim.fn.executable('policy-lsp') ~= 1 then
      vim.notify_once(missing, vim.log.levels.ERROR)
    end
    return vim.lsp.rpc.start({ 'policy-lsp', 'serve' }, dispatchers)
  end,
  filetypes = { 'text', 'markdown', 'policy' },
  root_markers = { '.policy-lsp', '.git' },
  settings = {
    policyLsp = {
      locale = 'zh-CN', -- 'zh-CN' | 'en'
      rules = vim.empty_dict(), -- { ['rule-id'] = { enabled = true, severity = 'warning' } }
      recurring = {
        minChars = 6,
        minCount = 3,
        reportAll = false,
        minCharsAcross = 12,
        ignore = {},
      },
      lexiconPaths = {},
      maxDiagnostics = 1000,
    },
  },
  before_init = function(params, config)
    -- initializationOptions follow the (possibly user-overridden) settings.
    local s = config.settings and config.settings.policyLsp
    if s then
      params.initializationOptions = s
    end
  end,
}
