import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sessionQueries, signOut } from '@/api/session';
import { announce, forgetUserData } from './session-events';

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    // The other tabs hear it first, before their next poll can meet the cleared cookie.
    onMutate: () => announce({ type: 'signed-out' }),
    // Signed out here whatever the server said: the cookie is the server's to clear, the data ours.
    onSettled: () => {
      queryClient.setQueryData(sessionQueries.me().queryKey, { user: null, ended: 'signed-out' });
      forgetUserData(queryClient);
    },
  });
}
