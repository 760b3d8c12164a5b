import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from '../../electron/main/menu-template';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

function submenu(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const found = items.find((item) => item.label === label || item.role === label);
  if (!found || !Array.isArray(found.submenu)) throw new Error(`no ${label} menu`);
  return found.submenu;
}

describe('application menu', () => {
  const about = () => undefined;

  it('an installed app has no reload and no developer tools', () => {
    const all = roles(menuTemplate({ isDev: false, isMac: false, onAbout: about }));
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) expect(all).not.toContain(role);
  });

  it('development builds offer reload and developer tools in View', () => {
    expect(roles(submenu(menuTemplate({ isDev: true, isMac: false, onAbout: about }), 'View'))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('Edit has cut, copy, paste and select all, so they work in every field', () => {
    expect(roles(submenu(menuTemplate({ isDev: false, isMac: true, onAbout: about }), 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('Help > About Support Toolkit calls the about action', () => {
    let shown = 0;
    const help = submenu(menuTemplate({ isDev: false, isMac: false, onAbout: () => shown++ }), 'help');
    const item = help.find((i) => i.label === 'About Support Toolkit');
    (item?.click as () => void)();
    expect(shown).toBe(1);
  });

  it('macOS gets the app menu, other systems a File menu with Quit', () => {
    expect(menuTemplate({ isDev: false, isMac: true, onAbout: about })[0]).toEqual({ role: 'appMenu' });
    expect(roles(submenu(menuTemplate({ isDev: false, isMac: false, onAbout: about }), 'File'))).toEqual(['quit']);
  });
});
