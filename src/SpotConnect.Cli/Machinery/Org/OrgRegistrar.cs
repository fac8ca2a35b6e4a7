using System.Collections.Concurrent;
using SpotConnect.Spot;

namespace SpotConnect.Org;

/// <summary>
/// <c>org register</c>: gives Spot each deployed account's role ARN, several accounts at once, each retried while IAM
/// propagates the role (<see cref="RoleRegistration"/>). Accounts already registered with the same role are
/// skipped, so a re-run registers only those that failed or are new.
/// </summary>
/// <param name="state">The state, saved as the work goes.</param>
/// <param name="registration">Registers one role, retrying while IAM propagates it.</param>
/// <param name="clock">When registrations happen.</param>
/// <param name="report">Progress lines (stderr).</param>
internal sealed class OrgRegistrar(OrgStateWriter state, RoleRegistration registration, TimeProvider clock, Action<string> report)
{
    private readonly OrgStateWriter _state = state ?? throw new ArgumentNullException(nameof(state));
    private readonly RoleRegistration _registration = registration ?? throw new ArgumentNullException(nameof(registration));
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    private readonly Action<string> _report = report ?? throw new ArgumentNullException(nameof(report));

    /// <summary>How the step's progress is shown; default: plain lines through the report (<see cref="OrgProgress"/>).</summary>
    public OrgProgressStart? Progress { get; init; }

    /// <summary>The role ARN of an account: <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:role&lt;rolePath&gt;&lt;roleName&gt;</c> (the path <c>/</c> unless given).</summary>
    public static string RoleArn(string partition, string awsAccountId, string roleName, string rolePath = "/") => $"arn:{partition}:iam::{awsAccountId}:role{rolePath}{roleName}";

    /// <summary>Whether the account has a role to register: an active member with a Spot account and an external id, deployed by a StackSet or the management account (held by the org stack itself).</summary>
    public static bool HasRole(OrgState state, OrgAccount account)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(account);
        return account.IsActiveMember
            && account.SpotAccountId is not null
            && account.ExternalId is not null
            && account.SpotAccountDeleteStartedAt is null
            && account.SpotAccountDeletedAt is null
            && (account.StackSet is not null || account.AwsAccountId == state.ManagementAccountId);
    }

    /// <summary>Registers every account with a role that Spot does not hold yet.</summary>
    public async Task<IReadOnlyList<OrgRegisterOutcome>> RunAsync(string roleName, string rolePath, int concurrency, CancellationToken cancellation)
    {
        var state = _state.Current;
        var outcomes = new ConcurrentDictionary<string, OrgRegisterOutcome>(StringComparer.Ordinal);
        var todo = new List<OrgAccount>();
        foreach (var account in state.Accounts)
        {
            var arn = RoleArn(state.Partition, account.AwsAccountId, roleName, rolePath);
            if (!HasRole(state, account))
            {
                outcomes[account.AwsAccountId] = new(account.AwsAccountId, OrgRegisterAction.NotReady, null);
            }
            else if (account.RegisteredAt is not null && account.RoleArn == arn)
            {
                outcomes[account.AwsAccountId] = new(account.AwsAccountId, OrgRegisterAction.AlreadyRegistered, arn);
            }
            else
            {
                todo.Add(account);
            }
        }

        using var progress = Progress?.Invoke("register", todo.Count) ?? new OrgProgress("register", todo.Count, _report);
        try
        {
            await Parallel.ForEachAsync(todo, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellation }, async (account, ct) =>
            {
                var arn = RoleArn(state.Partition, account.AwsAccountId, roleName, rolePath);
                var action = await RegisterAsync(account, arn, ct);
                outcomes[account.AwsAccountId] = new(account.AwsAccountId, action, arn);
                progress.Done(action == OrgRegisterAction.Failed);
                await _state.SaveIfOlderThanAsync(TimeSpan.FromSeconds(1), ct);
            });
        }
        finally
        {
            // Also on an exception or Ctrl+C: every registration that finished is recorded.
            await _state.SaveAsync(CancellationToken.None);
        }

        return state.Accounts.Select(a => outcomes[a.AwsAccountId]).ToList();
    }

    private async Task<OrgRegisterAction> RegisterAsync(OrgAccount account, string arn, CancellationToken cancellation)
    {
        try
        {
            await _registration.RegisterAsync(account.SpotAccountId!, arn, cancellation);
            _state.Update(account.AwsAccountId, a => a with { RoleArn = arn, RegisteredAt = _clock.GetUtcNow(), LastError = null });
            return OrgRegisterAction.Registered;
        }
        catch (Exception e) when (e is SpotApiException { Status: not (401 or 403) } or HttpRequestException
                                  || (e is TaskCanceledException && !cancellation.IsCancellationRequested))
        {
            var message = $"registering {arn} with {account.SpotAccountId} failed: {(e is TaskCanceledException ? "no answer in time" : e.Message)}";
            _state.Update(account.AwsAccountId, a => a with { LastError = message });
            _report($"{account.AwsAccountId}: {message}");
            return OrgRegisterAction.Failed;
        }
    }
}
