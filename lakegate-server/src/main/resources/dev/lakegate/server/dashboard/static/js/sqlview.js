// The "View SQL" dialog: the exact statement the chart ran, with a copy button.
const $ = (id) => document.getElementById(id);

export function initSqlDialog() {
  const dialog = $('sql-dialog');
  $('sql-close').addEventListener('click', () => dialog.close());
  $('sql-copy').addEventListener('click', async () => {
    const button = $('sql-copy');
    try {
      await navigator.clipboard.writeText($('sql-text').textContent);
      button.textContent = 'Copied';
    } catch {
      const range = document.createRange(); // no clipboard permission: select it for Ctrl+C
      range.selectNodeContents($('sql-text'));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      button.textContent = 'Selected';
    }
    setTimeout(() => { button.textContent = 'Copy'; }, 1500);
  });
}

/** Opens the dialog with `sql` (as text, never markup); non-admins get the row-filter note. */
export function showSql(title, sql, admin) {
  $('sql-title').textContent = title;
  $('sql-text').textContent = sql || '(no statement: nothing was run)';
  $('sql-note').hidden = admin;
  $('sql-dialog').showModal();
}
