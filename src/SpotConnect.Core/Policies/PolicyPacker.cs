namespace SpotConnect.Policies;

/// <summary>
/// Packs units (whole bundles) into as few managed policies as possible, deterministically.
/// </summary>
/// <remarks>
/// Units keep their canonical order and each goes into the first policy it fits in ("first fit"), so
/// <c>general</c> always lands in the first policy and, while first fit needs no more policies than the
/// minimum, adding or removing a bundle moves only bundles that come after it. When first fit needs more
/// policies than the minimum, a bounded exhaustive search finds the fewest, and among packings with that count
/// the one lexicographically closest to first fit (each unit in the earliest policy that still allows a
/// solution); then earlier bundles may move: the fewest policies win over stability.
/// </remarks>
internal static class PolicyPacker
{
    /// <summary>The policy index of each unit; <see langword="null"/> when no packing fits in <paramref name="maxPolicies"/>.</summary>
    /// <param name="sizes">Each unit's size: the characters its statements take, commas between them included.</param>
    /// <param name="capacity">Characters available for statements in one policy (the limit minus the empty document).</param>
    /// <param name="maxPolicies">The most policies allowed.</param>
    public static int[]? Pack(IReadOnlyList<int> sizes, int capacity, int maxPolicies)
    {
        if (sizes.Count == 0)
        {
            return [];
        }

        if (sizes.Any(s => s > capacity) || maxPolicies < 1)
        {
            return null;
        }

        // One comma separates two units in the same policy: account for it by giving every unit one more
        // character and the policy one more of capacity.
        var weights = sizes.Select(s => s + 1).ToArray();
        var room = capacity + 1;
        var lowerBound = Math.Max(1, (int)Math.Ceiling(weights.Sum() / (double)room));
        for (var policies = lowerBound; policies <= Math.Min(maxPolicies, sizes.Count); policies++)
        {
            var assignment = new int[weights.Length];
            var load = new int[policies];
            if (Place(0, 0, weights, room, load, assignment))
            {
                return assignment;
            }
        }

        return null;
    }

    private static bool Place(int unit, int used, int[] weights, int room, int[] load, int[] assignment)
    {
        if (unit == weights.Length)
        {
            return true;
        }

        // Remaining weight must fit in the remaining room of all policies.
        var remaining = 0;
        for (var u = unit; u < weights.Length; u++)
        {
            remaining += weights[u];
        }

        if (remaining > (load.Length * room) - load.Sum())
        {
            return false;
        }

        // Try existing policies in order, then one new policy (never two equivalent empty ones).
        var limit = Math.Min(used + 1, load.Length);
        for (var p = 0; p < limit; p++)
        {
            if (load[p] + weights[unit] > room)
            {
                continue;
            }

            load[p] += weights[unit];
            assignment[unit] = p;
            if (Place(unit + 1, Math.Max(used, p + 1), weights, room, load, assignment))
            {
                return true;
            }

            load[p] -= weights[unit];
        }

        return false;
    }
}
