import type { BtnProps, ChoiceProps, SelectProps, TextInputProps, ThumbProps, WhenProps } from './controls';

/** h5: native HTML controls (see controls.tsx). */
export function Btn(p: BtnProps) {
  return (
    <button
      type="button"
      className={p.className ?? 'btn'}
      onClick={p.onClick}
      disabled={p.disabled}
      aria-pressed={p.pressed}
      aria-label={p.label}
      data-testid={p.testid}
      style={p.style}
    >
      {p.children}
    </button>
  );
}

export function TextInput(p: TextInputProps) {
  return (
    <input
      className={p.className ?? 'input'}
      type={p.search ? 'search' : 'text'}
      enterKeyHint={p.search ? 'search' : 'done'}
      value={p.value}
      placeholder={p.placeholder}
      maxLength={p.maxLength ?? 140}
      autoFocus={p.autoFocus}
      autoComplete="off"
      autoCapitalize="characters"
      spellcheck={false}
      aria-labelledby={p.labelledBy}
      data-testid={p.testid}
      style={p.style}
      onInput={(e) => p.onInput((e.currentTarget as HTMLInputElement).value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') p.onConfirm?.();
      }}
    />
  );
}

export function TextArea(p: Omit<TextInputProps, 'onConfirm' | 'search' | 'autoFocus'>) {
  return (
    <textarea
      className={p.className ?? 'textarea'}
      value={p.value}
      placeholder={p.placeholder}
      maxLength={p.maxLength ?? 500}
      aria-labelledby={p.labelledBy}
      data-testid={p.testid}
      onInput={(e) => p.onInput((e.currentTarget as HTMLTextAreaElement).value)}
    />
  );
}

export function Select(p: SelectProps) {
  return (
    <label className="chip select">
      <span>{p.label}：</span>
      <select
        value={p.value ?? ''}
        data-testid={p.testid}
        onChange={(e) => p.onChange((e.currentTarget as HTMLSelectElement).value || undefined)}
      >
        <option value="">全部</option>
        {p.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Choice(p: ChoiceProps) {
  return (
    <select
      className="input select"
      value={p.value ?? ''}
      aria-labelledby={p.labelledBy}
      data-testid={p.testid}
      onChange={(e) => {
        const v = (e.currentTarget as HTMLSelectElement).value;
        if (v) p.onChange(v);
      }}
    >
      <option value="">{p.placeholder}</option>
      {p.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function When(p: WhenProps) {
  return (
    <input
      className="input"
      type={p.mode}
      value={p.value}
      max={p.end}
      aria-labelledby={p.labelledBy}
      data-testid={p.testid}
      onInput={(e) => {
        const v = (e.currentTarget as HTMLInputElement).value;
        if (v) p.onChange(v);
      }}
    />
  );
}

/** h5: a native <img> with its alt text (Taro's Image would wrap an <img> without one). */
export function Thumb(p: ThumbProps) {
  return <img className={p.className ?? 'thumb-img'} src={p.src} alt={p.alt} style={{ objectFit: 'cover' }} />;
}
