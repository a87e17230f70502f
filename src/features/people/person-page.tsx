/** Placeholder: built in issue 11. */
export function Page() {
  return <p>Coming soon</p>;
}

export default Page;
