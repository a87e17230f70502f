/** Placeholder: built in issue 10. */
export function Page() {
  return <p>Coming soon</p>;
}

export default Page;
