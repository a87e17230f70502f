// The baseline of the first-rows budget: fetch the same first page and write a plain table.
fetch('/api/locks?pagenumber=1&limit=25', { credentials: 'same-origin' })
  .then((response) => response.json())
  .then((body) => {
    const tbody = document.querySelector('tbody');
    for (const lock of body.lockslist) {
      const tr = document.createElement('tr');
      for (const value of [lock.lockname, lock.lock_online_status ? 'Online' : 'Offline', lock.lock_open_status ? 'Unlocked' : 'Locked', lock.battery_level, lock.temperature, lock.lock_model]) {
        const td = document.createElement('td');
        td.textContent = value == null ? '—' : String(value);
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
  });
