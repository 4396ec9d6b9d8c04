import type { ComponentChildren } from 'preact';
import { Button, Image, Input, Picker, Textarea, View } from '@tarojs/components';

/**
 * Form controls, one API for both targets. This file is the mini-program version (Taro's components);
 * controls.h5.tsx renders native HTML elements (button, input, select) so screen readers and keyboards
 * get real controls in the browser.
 */
export interface BtnProps {
  className?: string;
  onClick?: () => void;
  disabled?: boolean;
  pressed?: boolean;
  label?: string;
  testid?: string;
  style?: Record<string, string | number>;
  children: ComponentChildren;
}

export function Btn(p: BtnProps) {
  return (
    <Button
      className={p.className ?? 'btn'}
      onClick={p.disabled ? undefined : p.onClick}
      disabled={p.disabled}
      aria-pressed={p.pressed}
      aria-label={p.label}
      data-testid={p.testid}
      style={p.style}
    >
      {p.children}
    </Button>
  );
}

export interface TextInputProps {
  value: string;
  onInput: (value: string) => void;
  onConfirm?: () => void;
  placeholder?: string;
  maxLength?: number;
  labelledBy: string;
  className?: string;
  testid?: string;
  autoFocus?: boolean;
  search?: boolean;
  style?: Record<string, string | number>;
}

export function TextInput(p: TextInputProps) {
  return (
    <Input
      className={p.className ?? 'input'}
      type="text"
      value={p.value}
      focus={p.autoFocus}
      placeholder={p.placeholder}
      maxlength={p.maxLength ?? 140}
      confirmType={p.search ? 'search' : 'done'}
      aria-labelledby={p.labelledBy}
      data-testid={p.testid}
      style={p.style}
      onInput={(e) => p.onInput(e.detail.value)}
      onConfirm={() => p.onConfirm?.()}
    />
  );
}

export function TextArea(p: Omit<TextInputProps, 'onConfirm' | 'search' | 'autoFocus'>) {
  return (
    <Textarea
      className={p.className ?? 'textarea'}
      value={p.value}
      placeholder={p.placeholder}
      maxlength={p.maxLength ?? 500}
      aria-labelledby={p.labelledBy}
      data-testid={p.testid}
      onInput={(e) => p.onInput(e.detail.value)}
    />
  );
}

export interface SelectProps {
  label: string;
  options: readonly string[];
  /** undefined = 全部 */
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  testid?: string;
}

const ALL = '全部';

export function Select(p: SelectProps) {
  const range = [ALL, ...p.options];
  const index = p.value ? Math.max(0, range.indexOf(p.value)) : 0;
  return (
    <Picker
      mode="selector"
      range={range}
      value={index}
      onChange={(e) => p.onChange(Number(e.detail.value) ? range[Number(e.detail.value)] : undefined)}
    >
      <View className="chip select" data-testid={p.testid}>
        {p.label}：{p.value ?? ALL} ▾
      </View>
    </Picker>
  );
}

export interface ChoiceProps {
  labelledBy: string;
  options: readonly { value: string; label: string }[];
  value: string | undefined;
  placeholder: string;
  onChange: (value: string) => void;
  testid?: string;
}

/** One value from a list, with a placeholder until chosen (WeChat's selector picker). */
export function Choice(p: ChoiceProps) {
  const index = p.options.findIndex((o) => o.value === p.value);
  return (
    <Picker
      mode="selector"
      range={p.options.map((o) => o.label)}
      value={Math.max(0, index)}
      aria-labelledby={p.labelledBy}
      data-testid={p.testid}
      onChange={(e) => {
        const o = p.options[Number(e.detail.value)];
        if (o) p.onChange(o.value);
      }}
    >
      <View className="input select">{index >= 0 ? p.options[index]!.label : p.placeholder} ▾</View>
    </Picker>
  );
}

export interface WhenProps {
  mode: 'date' | 'time';
  labelledBy: string;
  value: string;
  /** Latest allowed date (YYYY-MM-DD), date mode only. */
  end?: string;
  onChange: (value: string) => void;
  testid?: string;
}

/** A date (YYYY-MM-DD) or a time (HH:mm): WeChat's date and time pickers. */
export function When(p: WhenProps) {
  return (
    <Picker
      mode={p.mode}
      value={p.value}
      end={p.end}
      aria-labelledby={p.labelledBy}
      data-testid={p.testid}
      onChange={(e) => p.onChange(String(e.detail.value))}
    >
      <View className="input select">{p.value} ▾</View>
    </Picker>
  );
}

export interface ThumbProps {
  src: string;
  /** What the picture is (read by screen readers). */
  alt: string;
  className?: string;
}

/** A thumbnail picture (a chosen photo). */
export function Thumb(p: ThumbProps) {
  return <Image className={p.className ?? 'thumb-img'} src={p.src} mode="aspectFill" aria-label={p.alt} />;
}
