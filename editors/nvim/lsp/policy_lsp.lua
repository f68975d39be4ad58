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

---@type vim.lsp.Config
return {
  cmd = { 'policy-lsp', 'serve' },
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
