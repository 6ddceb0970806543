"use client";

import { signIn } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { FormMessage, TextField } from "@/components/forms";
import { describeLoginError, type LoginErrorTemplates, type LoginErrorText } from "./login-error";

type Text = LoginErrorText & {
  email: string;
  password: string;
  logIn: string;
  loggingIn: string;
  networkFailed: string;
};

/** Email and password through next-auth's credentials endpoint; on success, on to `next` (a path of this site). */
export function LoginForm(props: {
  next: string;
  text: Text;
  templates: LoginErrorTemplates;
  initialError: string;
  passwordMaxLength: number;
}) {
  const { next, text, templates, initialError, passwordMaxLength } = props;
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError("");
    try {
      // An absolute callback URL: signIn parses the URL it gets back.
      const result = await signIn("credentials", {
        redirect: false,
        email,
        password,
        callbackUrl: new URL(next, window.location.origin).href,
      });
      if (result?.ok && !result.error) {
        // Through the second step: it asks for a code (or an admin's enrolment), or sends straight on to `next`.
        const secondStep = new URL("/login/two-factor", window.location.origin);
        secondStep.searchParams.set("next", next);
        window.location.assign(secondStep.href);
        return;
      }
      setError(describeLoginError(result?.error ?? "", templates, text) || text.loginFailed);
    } catch {
      setError(text.networkFailed);
    }
    setPassword("");
    setPending(false);
    passwordRef.current?.focus();
  }

  return (
    <form method="post" onSubmit={(event) => void submit(event)} className="flex max-w-md flex-col gap-4">
      <FormMessage error={error} id="login" />
      <TextField
        id="login-email"
        label={text.email}
        name="email"
        type="email"
        autoComplete="username"
        dir="ltr"
        required
        maxLength={320}
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <TextField
        id="login-password"
        ref={passwordRef}
        label={text.password}
        name="password"
        type="password"
        autoComplete="current-password"
        dir="ltr"
        required
        maxLength={passwordMaxLength}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <button
        type="submit"
        disabled={pending}
        className="self-start rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-70"
      >
        {pending ? text.loggingIn : text.logIn}
      </button>
    </form>
  );
}
