using SpotConnect.Cli.Options;
using SpotConnect.Link;
using SpotConnect.Org;
using SpotConnect.Plan;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Plan;

/// <summary>
/// A deploy that would replace the role (a new <c>RoleName</c> or <c>Path</c>: CloudFormation creates a new role with a
/// new ARN and deletes the old one, and Spot loses access until the new ARN is registered) is refused unless
/// <c>--replace-role</c> is given. The deployed role is the state's deploy record; a state written before deploys were
/// recorded falls back to the role ARN it holds (link) or its accounts registered (org).
/// </summary>
internal static class RoleReplacementGuard
{
    public const string Option = "--replace-role";

    /// <summary>The role a link state says is deployed, if any.</summary>
    public static DeployedRole? Deployed(LinkState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        // Before deploys were recorded: the role of the stack `link deploy` deployed (it recorded the stack's name); a role
        // only registered (`link register --role-arn` for a hand-made role) was never SpotConnect's to replace.
        // A stack `link disconnect` destroyed holds no role: nothing is replaced by the next deploy.
        return state.StackDestroyedAt is not null ? null
            : state.Deployed?.Role ?? (state.StackName is not null && state.RoleArn is { } arn ? FromArn(arn) : null);
    }

    /// <summary>The member role an org state says is deployed, if any.</summary>
    public static DeployedRole? Deployed(OrgState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Deployed is { } recorded)
        {
            return recorded.Role;
        }

        // Before deploys were recorded: the roles registered for deployed accounts, when they agree on one name and path.
        var roles = state.Accounts
            .Where(a => a.RoleArn is not null && a.RegisteredAt is not null && (a.StackSet is not null || a.AwsAccountId == state.ManagementAccountId))
            .Select(a => FromArn(a.RoleArn!))
            .OfType<DeployedRole>()
            .DistinctBy(r => (r.Name, r.Path))
            .ToArray();
        return roles.Length == 1 ? roles[0] : null;
    }

    /// <summary>Whether deploying <paramref name="planned"/> over <paramref name="deployed"/> replaces the role.</summary>
    public static bool Replaces(DeployedRole? deployed, SpotLinkSpec planned)
    {
        ArgumentNullException.ThrowIfNull(planned);
        return deployed is not null && (deployed.Name != planned.RoleName || deployed.Path != planned.RolePath);
    }

    /// <summary>Refuses (exit 2) a deploy that replaces the role without <c>--replace-role</c>, naming each setting, the deployed and the new value.</summary>
    /// <exception cref="SpotConnectValidationException">The deploy would replace the role and <paramref name="replaceRole"/> is not set.</exception>
    public static void Check(DeployedRole? deployed, SpotLinkSpec planned, bool replaceRole, string what, Func<Setting, string> names)
    {
        ArgumentNullException.ThrowIfNull(planned);
        if (replaceRole || !Replaces(deployed, planned))
        {
            return;
        }

        var problems = new List<ValidationProblem>();
        var consequence =
            $"changing it replaces the role of {what} (CloudFormation creates a new role with a new ARN and deletes the old one), and Spot loses access until the new ARN is registered. " +
            $"Keep the deployed value, or pass {Option} to replace the role deliberately; Spot is then registered with the new ARN (`link`/`org sync` in the same run; after `link deploy`/`org deploy` run `link register`/`org register`). `plan` shows the change.";
        if (deployed!.Name != planned.RoleName)
        {
            problems.Add(SpotSettings.RoleName.Problem(planned.RoleName, $"the deployed role is named '{deployed.Name}': {consequence}", [deployed.Name]));
        }

        if (deployed.Path != planned.RolePath)
        {
            problems.Add(SpotSettings.RolePath.Problem(planned.RolePath, $"the deployed role's path is '{deployed.Path}': {consequence}", [deployed.Path]));
        }

        throw new SpotConnectValidationException(problems).NamedBy(names);
    }

    /// <summary>The name and path of a role ARN (<c>arn:…:role/path/Name</c>).</summary>
    public static DeployedRole? FromArn(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var at = arn.IndexOf(":role/", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = arn[(at + ":role".Length)..];
        var slash = rest.LastIndexOf('/');
        return new DeployedRole { Name = rest[(slash + 1)..], Path = rest[..(slash + 1)] };
    }
}
