;;; test-eglot.el --- batch end-to-end test of policy-lsp under Eglot  -*- lexical-binding: t -*-

;; emacs --batch -q -l editors/emacs/test-eglot.el
;;
;; Environment: POLICY_LSP_BIN (default <repo>/target/release/policy-lsp),
;; POLICY_SEED (default <repo>/seeds/000_aeb186bd1e0d189c.txt),
;; POLICY_TIMEOUT (seconds per wait, default 30).
;; Exits 0 when every check passes, 1 otherwise.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

;; Debian's elpa-eglot lives in site-lisp/elpa; -q does not initialise package.el.
(dolist (dir (append (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*")
                     (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa-src/*")))
  (when (file-directory-p dir)
    (add-to-list 'load-path dir)))
(require 'eglot)
(require 'flymake)
(require 'project)

(defconst pt-start (float-time))
(defconst pt-here (file-name-directory (or load-file-name buffer-file-name)))
(defconst pt-repo (expand-file-name "../.." pt-here))
(defconst pt-bin (or (getenv "POLICY_LSP_BIN") (expand-file-name "target/release/policy-lsp" pt-repo)))
(defconst pt-seed (or (getenv "POLICY_SEED") (expand-file-name "seeds/000_aeb186bd1e0d189c.txt" pt-repo)))
(defconst pt-timeout (string-to-number (or (getenv "POLICY_TIMEOUT") "30")))
(defvar pt-failures 0)

(defun pt-log (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n") #'external-debugging-output))

(defun pt-check (name ok detail)
  (pt-log "  %s %s: %s" (if ok "ok  " "FAIL") name detail)
  (unless ok (cl-incf pt-failures))
  ok)

(defun pt-finish ()
  (pt-log "[eglot e2e %.1fs] %s" (- (float-time) pt-start)
          (if (zerop pt-failures) "PASS" (format "FAIL (%d failed checks)" pt-failures)))
  (ignore-errors
    (when-let ((server (eglot-current-server)))
      (let ((eglot-autoshutdown nil))
        (eglot-shutdown server nil 3))))
  (kill-emacs (if (zerop pt-failures) 0 1)))

(defun pt-abort (msg)
  (pt-check "setup" nil msg)
  (pt-finish))

(defun pt-wait (what pred)
  "Process events until PRED returns non-nil, at most `pt-timeout' seconds."
  (let ((deadline (+ (float-time) pt-timeout)) val)
    (while (and (not (setq val (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless val (pt-log "  (timed out after %ss waiting for %s)" pt-timeout what))
    val))

(defun pt-lsp-diag (d)
  (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d)))

(defun pt-code (d)
  (let ((code (plist-get (pt-lsp-diag d) :code)))
    (if (numberp code) (number-to-string code) code)))

(defun pt-ours ()
  (cl-remove-if-not (lambda (d) (equal (plist-get (pt-lsp-diag d) :source) "policy-lsp"))
                    (flymake-diagnostics)))

(defun pt-has-halfwidth ()
  (cl-some (lambda (d) (equal (pt-code d) "halfwidth-punct")) (pt-ours)))

(condition-case err
    (progn
      (unless (file-executable-p pt-bin)
        (pt-abort (format "server not executable: %s" pt-bin)))

      ;; A throwaway git project holding a copy of the seed, so project.el finds a root.
      (let* ((root (file-name-as-directory (make-temp-file "policy-eglot-" t)))
             (doc (expand-file-name (file-name-nondirectory pt-seed) root))
             (default-directory root))
        (copy-file pt-seed doc)
        (unless (zerop (call-process "git" nil nil nil "init" "-q" root))
          (pt-abort "git init failed"))

        ;; The configuration documented in docs/editors/emacs.md.
        (add-to-list 'eglot-server-programs
                     `((text-mode markdown-mode) . (,pt-bin "serve")))
        (setq-default eglot-workspace-configuration
                      '(:policyLsp (:locale "zh-CN"
                                    :recurring (:minChars 6 :minCount 3))))

        (find-file doc)
        (pt-check "major mode" (eq major-mode 'text-mode) (symbol-name major-mode))
        (pt-check "project root"
                  (equal (file-name-as-directory (expand-file-name (project-root (project-current))))
                         (file-name-as-directory (file-truename root)))
                  (project-root (project-current)))

        ;; 1. Connect and get managed.
        (let ((eglot-sync-connect nil))
          (apply #'eglot (eglot--guess-contact)))
        (unless (pt-wait "eglot to manage the buffer"
                         (lambda () (and (bound-and-true-p eglot--managed-mode) (eglot-current-server))))
          (pt-abort "eglot did not connect"))
        (pt-check "connected" t (format "%s" (plist-get (eglot--server-info (eglot-current-server)) :name)))

        ;; 2. Diagnostics through flymake (batch Emacs runs no idle timers for
        ;;    flymake, so kick it whenever the server has published).
        (let ((got (pt-wait "policy-lsp diagnostics in flymake"
                            (lambda ()
                              (when (and eglot--diagnostics (not (pt-ours)))
                                (flymake-start))
                              (pt-has-halfwidth)))))
          (pt-check "diagnostics" got
                    (format "%d diagnostics, codes %s" (length (pt-ours))
                            (delete-dups (mapcar #'pt-code (pt-ours)))))
          ;; Positions: the first ',' between two Chinese characters is flagged
          ;; exactly there, and every halfwidth-punct diagnostic sits on one.
          (goto-char (point-min))
          (when (re-search-forward "[\u4e00-\u9fff],[\u4e00-\u9fff]" nil t)
            (let* ((comma (1+ (match-beginning 0)))
                   (hit (cl-find-if (lambda (d) (and (equal (pt-code d) "halfwidth-punct")
                                                     (= (flymake-diagnostic-beg d) comma)))
                                    (pt-ours))))
              (pt-check "comma position" hit
                        (format "expected a diagnostic at line %d col %d"
                                (line-number-at-pos comma) (save-excursion (goto-char comma) (current-column))))
              ;; A quick fix for it, as `eglot-code-actions' would ask.
              (when hit
                (let* ((actions (condition-case e
                                    (jsonrpc-request
                                     (eglot-current-server) :textDocument/codeAction
                                     (list :textDocument (eglot--TextDocumentIdentifier)
                                           :range (list :start (eglot--pos-to-lsp-position comma)
                                                        :end (eglot--pos-to-lsp-position (1+ comma)))
                                           :context (list :diagnostics (vector (pt-lsp-diag hit))
                                                          :only ["quickfix"]))
                                     :timeout pt-timeout)
                                  (error (pt-log "  codeAction error: %S" e) nil)))
                       (titles (mapcar (lambda (a) (plist-get a :title)) actions)))
                  (pt-check "code actions" titles (mapconcat #'identity titles " | "))))))
          (let ((bad (cl-remove-if (lambda (d) (memq (char-after (flymake-diagnostic-beg d)) '(?, ?. ?: ?\; ?! ?? ?\( ?\))))
                                   (cl-remove-if-not (lambda (d) (equal (pt-code d) "halfwidth-punct")) (pt-ours)))))
            (pt-check "halfwidth-punct positions" (and got (null bad))
                      (format "%d not on a half-width mark" (length bad)))))

        (let ((server (eglot-current-server)))
          ;; 3. Hover on 四个意识.
          (goto-char (point-min))
          (if (not (search-forward "四个意识" nil t))
              (pt-check "hover target" nil "四个意识 not in the seed")
            (goto-char (+ (match-beginning 0) 1))
            (let* ((hover (condition-case e
                              (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)
                                               :timeout pt-timeout)
                            (error (format "%S" e))))
                   (contents (and (listp hover) (plist-get hover :contents)))
                   (text (cond ((stringp hover) hover)
                               ((stringp contents) contents)
                               ((plist-get contents :value))
                               ((vectorp contents)
                                (mapconcat (lambda (c) (if (stringp c) c (or (plist-get c :value) ""))) contents "\n"))
                               (t ""))))
              (pt-check "hover" (and (stringp text) (string-match-p "政治意识" text))
                        (truncate-string-to-width (replace-regexp-in-string "\n" " " (or text "")) 100))))

          ;; 3b. Completion: after 四个 the server offers 四个意识.
          (goto-char (point-min))
          (when (search-forward "四个意识" nil t)
            (goto-char (+ (match-beginning 0) 2))
            (let* ((resp (condition-case e
                             (jsonrpc-request server :textDocument/completion (eglot--TextDocumentPositionParams)
                                              :timeout pt-timeout)
                           (error (pt-log "  completion error: %S" e) nil)))
                   (items (if (vectorp resp) resp (plist-get resp :items)))
                   (labels (mapcar (lambda (i) (plist-get i :label)) items)))
              (pt-check "completion" (cl-some (lambda (l) (string-match-p "四个意识" l)) labels)
                        (format "%d items: %s" (length labels)
                                (mapconcat #'identity (seq-take labels 5) " | ")))))

          ;; 4. Document symbols.
          (let* ((symbols (condition-case e
                              (jsonrpc-request server :textDocument/documentSymbol
                                               `(:textDocument ,(eglot--TextDocumentIdentifier))
                                               :timeout pt-timeout)
                            (error (pt-log "  documentSymbol error: %S" e) nil)))
                 (names '()))
            (cl-labels ((walk (list depth)
                          (mapc (lambda (s)
                                  (push (concat (make-string (* 2 depth) ?\s) (truncate-string-to-width (plist-get s :name) 32)) names)
                                  (walk (plist-get s :children) (1+ depth)))
                                list)))
              (walk symbols 0))
            (setq names (nreverse names))
            (pt-check "document symbols" (cl-some (lambda (n) (string-match-p "会议指出" n)) names)
                      (format "%d symbols: %s" (length names)
                              (mapconcat #'identity (seq-take names 6) " / "))))

          ;; 5. Settings reach the server: disabling the rule clears its diagnostics.
          (when (pt-has-halfwidth)
            (setq-default eglot-workspace-configuration
                          '(:policyLsp (:rules (:halfwidth-punct (:enabled :json-false)))))
            (eglot-signal-didChangeConfiguration server)
            (pt-check "settings change"
                      (pt-wait "halfwidth-punct diagnostics to disappear"
                               (lambda () (not (pt-has-halfwidth))))
                      "halfwidth-punct gone after workspace/didChangeConfiguration"))))
      (pt-finish))
  (error
   (pt-check "unexpected error" nil (format "%S" err))
   (pt-finish)))

;;; test-eglot.el ends here
