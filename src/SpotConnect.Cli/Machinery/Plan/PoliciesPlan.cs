using SpotConnect.Policies;

namespace SpotConnect.Plan;

/// <summary>The managed policies' part of a plan: names, AWS managed policies, and the permissions, compared as <c>policy --compare</c> compares them.</summary>
internal sealed record PoliciesPlan(
    IReadOnlyList<string> DeployedNames,
    IReadOnlyList<string> PlannedNames,
    IReadOnlyList<string> AwsManagedAdded,
    IReadOnlyList<string> AwsManagedRemoved,
    PolicyComparison Permissions,
    bool DocumentsChanged)
{
    /// <summary>Whether a deploy changes any managed policy (a document, a name, an attachment).</summary>
    public bool HasChanges =>
        DocumentsChanged || !DeployedNames.SequenceEqual(PlannedNames, StringComparer.Ordinal) || AwsManagedAdded.Count > 0 || AwsManagedRemoved.Count > 0 || !Permissions.IsIdentical;
}
