-- Headless end-to-end test of editors/nvim/lsp/policy_lsp.lua against a real server.
--
--   nvim --headless --clean -l editors/nvim/test/e2e.lua
--
-- Environment: POLICY_LSP_BIN (default <repo>/target/release/policy-lsp),
-- POLICY_SEED (default <repo>/seeds/000_aeb186bd1e0d189c.txt),
-- POLICY_TIMEOUT_MS (default 30000, per wait).
-- Exits 0 when every check passes, 1 otherwise.

local t0 = vim.uv.hrtime()
local function elapsed()
  return string.format('%.1fs', (vim.uv.hrtime() - t0) / 1e9)
end

local script = debug.getinfo(1, 'S').source:sub(2)
local nvim_dir = vim.fs.dirname(vim.fs.dirname(vim.fs.normalize(vim.fn.fnamemodify(script, ':p'))))
local repo = vim.fs.dirname(vim.fs.dirname(nvim_dir))
local bin = os.getenv('POLICY_LSP_BIN') or (repo .. '/target/release/policy-lsp')
local seed = os.getenv('POLICY_SEED') or (repo .. '/seeds/000_aeb186bd1e0d189c.txt')
local timeout = tonumber(os.getenv('POLICY_TIMEOUT_MS') or '30000')

local function out(line)
  io.stdout:write(line, '\n')
  io.stdout:flush()
end

local failures = 0
local function check(name, ok, detail)
  out(string.format('  %s %s: %s', ok and 'ok  ' or 'FAIL', name, detail or ''))
  if not ok then
    failures = failures + 1
  end
  return ok
end
local function finish()
  out(string.format('[nvim e2e %s] %s', elapsed(), failures == 0 and 'PASS' or ('FAIL (' .. failures .. ' failed checks)')))
  for _, c in ipairs(vim.lsp.get_clients()) do
    c:stop(true)
  end
  os.exit(failures == 0 and 0 or 1)
end
local function abort(msg)
  check('setup', false, msg)
  finish()
end

if vim.fn.executable(bin) ~= 1 then
  abort('server not executable: ' .. bin)
end

-- A throwaway project: a copy of the seed next to a .policy-lsp root marker.
local root = vim.fn.tempname()
vim.fn.mkdir(root .. '/.policy-lsp', 'p')
local doc = root .. '/' .. vim.fs.basename(seed)
vim.fn.writefile(vim.fn.readfile(seed, 'b'), doc, 'b')

vim.opt.runtimepath:prepend(nvim_dir)
vim.lsp.config('policy_lsp', { cmd = { bin, 'serve' } })
vim.lsp.enable('policy_lsp')

vim.cmd.edit(vim.fn.fnameescape(doc))
local buf = vim.api.nvim_get_current_buf()
check('filetype', vim.bo[buf].filetype == 'text', vim.bo[buf].filetype)

-- 1. The client attaches, with the config file's root and settings.
local client
vim.wait(timeout, function()
  client = vim.lsp.get_clients({ bufnr = buf, name = 'policy_lsp' })[1]
  return client ~= nil and client.initialized
end, 20)
if not client then
  abort('policy_lsp did not attach within ' .. timeout .. ' ms')
end
check('attached', true, string.format('root %s, encoding %s', client.root_dir, client.offset_encoding))
check('root marker', client.root_dir == root, tostring(client.root_dir))
check('utf-8 negotiated', client.offset_encoding == 'utf-8', client.offset_encoding)

-- 2. Diagnostics, with byte columns (UTF-8 position encoding).
local diags = {}
local got = vim.wait(timeout, function()
  diags = vim.diagnostic.get(buf)
  for _, d in ipairs(diags) do
    if d.code == 'halfwidth-punct' then
      return true
    end
  end
  return false
end, 20)
local codes = {}
for _, d in ipairs(diags) do
  codes[d.code or '?'] = (codes[d.code or '?'] or 0) + 1
end
check('diagnostics', got, vim.inspect(codes, { newline = ' ', indent = '' }))

local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
-- Expected: the first ',' between two CJK characters, as a 0-based byte column.
local exp_l, exp_c
for i, line in ipairs(lines) do
  local s = line:find('[\228-\233][\128-\191][\128-\191],[\228-\233]')
  if s then
    exp_l, exp_c = i - 1, s + 2 -- the comma is 3 bytes after the CJK lead byte (1-based s) -> 0-based s+2
    break
  end
end
if exp_l then
  local hit
  for _, d in ipairs(diags) do
    if d.code == 'halfwidth-punct' and d.lnum == exp_l and d.col == exp_c then
      hit = d
    end
  end
  check('comma byte column', hit ~= nil, string.format('expected halfwidth-punct at %d:%d (byte)', exp_l, exp_c))
  if hit then
    local raw = hit.user_data and hit.user_data.lsp
    check(
      'raw LSP column is bytes',
      raw ~= nil and raw.range.start.character == exp_c,
      raw and string.format('range.start.character=%d', raw.range.start.character) or 'no user_data.lsp'
    )
  end
end
local bad = 0
for _, d in ipairs(diags) do
  if d.code == 'halfwidth-punct' then
    local ch = (lines[d.lnum + 1] or ''):sub(d.col + 1, d.col + 1)
    if not ch:match('^[,%.:;!%?%(%)]$') then
      bad = bad + 1
    end
  end
end
check('halfwidth-punct columns', bad == 0, bad .. ' diagnostics not on a half-width mark')

-- 3. Hover on 四个意识.
local function request(method, params)
  local resp, err = client:request_sync(method, params, timeout, buf)
  if err then
    return nil, err
  end
  if resp and resp.err then
    return nil, vim.inspect(resp.err, { newline = ' ', indent = '' })
  end
  return resp and resp.result
end

local slogan = '四个意识'
local hover_line, hover_col
for i, line in ipairs(lines) do
  local s = line:find(slogan, 1, true)
  if s then
    hover_line, hover_col = i - 1, s - 1 + 3 -- inside the word (second character)
    break
  end
end
if check('hover target', hover_line ~= nil, slogan) then
  vim.api.nvim_win_set_cursor(0, { hover_line + 1, hover_col })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local result, err = request('textDocument/hover', params)
  local text = ''
  if result and result.contents then
    local c = result.contents
    if type(c) == 'string' then
      text = c
    elseif c.value then
      text = c.value
    else
      for _, part in ipairs(c) do
        text = text .. (type(part) == 'string' and part or part.value or '') .. '\n'
      end
    end
  end
  check('hover', text:find('政治意识', 1, true) ~= nil, err or text:sub(1, 120):gsub('\n', ' '))
end

-- 4. Document symbols.
local symbols, serr = request('textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params(buf) })
local names = {}
local function walk(list, depth)
  for _, s in ipairs(list or {}) do
    table.insert(names, string.rep('  ', depth) .. vim.fn.strcharpart(s.name, 0, 16))
    walk(s.children, depth + 1)
  end
end
walk(symbols, 0)
local found = false
for _, n in ipairs(names) do
  if n:find('会议指出', 1, true) then
    found = true
  end
end
check('document symbols', found, serr or (#names .. ' symbols: ' .. table.concat(vim.list_slice(names, 1, 6), ' / ')))

-- 5. A quick fix for the comma.
if exp_l then
  local range = { start = { line = exp_l, character = exp_c }, ['end'] = { line = exp_l, character = exp_c + 1 } }
  local ctx_diags = {}
  for _, d in ipairs(diags) do
    if d.lnum == exp_l and d.col == exp_c and d.user_data and d.user_data.lsp then
      table.insert(ctx_diags, d.user_data.lsp)
    end
  end
  local actions, aerr = request('textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = range,
    context = { diagnostics = ctx_diags, only = { 'quickfix' } },
  })
  local titles = {}
  for _, a in ipairs(actions or {}) do
    table.insert(titles, a.title)
  end
  check('code actions', #titles > 0, aerr or table.concat(titles, ' | '))
end

-- 6. Completion: typing 四个 offers 四个意识.
if hover_line then
  local line = lines[hover_line + 1]
  local col = line:find('四个意识', 1, true) - 1 + #'四个'
  local result, cerr = request('textDocument/completion', {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    position = { line = hover_line, character = col },
  })
  local items = result and (result.items or result) or {}
  local labels = {}
  for _, it in ipairs(items) do
    table.insert(labels, it.label)
  end
  check(
    'completion',
    vim.iter(labels):any(function(l)
      return l:find('四个意识', 1, true) ~= nil
    end),
    cerr or (#labels .. ' items: ' .. table.concat(vim.list_slice(labels, 1, 5), ' | '))
  )
end

-- 7. Settings reach the server: disabling the rule clears its diagnostics.
client.settings.policyLsp.rules = { ['halfwidth-punct'] = { enabled = false } }
client:notify('workspace/didChangeConfiguration', { settings = client.settings })
local cleared = vim.wait(timeout, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'halfwidth-punct' then
      return false
    end
  end
  return true
end, 20)
check('settings change', got and cleared, 'halfwidth-punct diagnostics gone after disabling the rule')

finish()
