using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SpotConnect.Catalog;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Tests.Support;
using SpotConnect.Validation;

namespace SpotConnect.Tests;

public sealed class PolicyBuilderTests
{
    private static readonly PolicyBuilder Builder = PolicyBuilder.Spot;

    private static IReadOnlyList<Grant> GrantsOf(PolicyPlan plan, SpotPartition partition) =>
        Grants.Of(plan.ToJson(partition).SelectMany(p => p!["document"]!["Statement"]!.AsArray()).Select(s => s!), partition.Name);

    private static int IamCount(JsonNode document) => Regex.Replace(document.ToJsonString(), "\\s", string.Empty).Length;

    [Fact]
    public void Default_is_one_policy_named_Spot_Policy_with_every_Sid_in_canonical_order()
    {
        var plan = Builder.Build(BundleSelection.Default);
        var policy = Assert.Single(plan.Policies);
        Assert.Equal("Spot-Policy", policy.Name);
        Assert.Equal(BundleCatalog.Spot.Statements.Select(s => s.Sid), policy.Statements.Select(s => s.Sid));
        Assert.Empty(plan.AwsManagedPolicies);
    }

    [Theory]
    [InlineData("aws")]
    [InlineData("aws-us-gov")]
    [InlineData("aws-cn")]
    public void Default_grants_exactly_Spots_published_permissions_in_every_partition(string partitionName)
    {
        var partition = SpotPartition.Parse(partitionName);
        var plan = Builder.Build(BundleSelection.Default);
        Grants.AssertEquivalent(Reference.GrantsOf(BundleSelection.Default.Ids, partition.Name), GrantsOf(plan, partition));
        var json = plan.ToJson(partition).ToJsonString();
        Assert.Contains($"arn:{partitionName}:s3:::elasticbeanstalk*", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_selection_grants_exactly_what_its_bundles_carry()
    {
        var ids = BundleCatalog.Spot.Ids.Where(i => i != "security-audit").ToArray();
        var random = new Random(20261123);
        var selections = ids.Select(i => new[] { i })
            .Concat(Enumerable.Range(0, 60).Select(_ => ids.Where(_ => random.Next(2) == 0).DefaultIfEmpty("general").ToArray()));
        foreach (var chosen in selections)
        {
            var selection = BundleSelection.Of(chosen);
            var plan = Builder.Build(selection);
            var expected = Reference.GrantsOf(chosen.SelectMany(Reference.Implied).Distinct());
            Grants.AssertEquivalent(expected, GrantsOf(plan, SpotPartition.Aws));
            var sids = chosen.SelectMany(Reference.Implied).SelectMany(id => Reference.ContractBundles[id]).ToHashSet();
            Assert.Equal(sids.Order(), plan.Statements.Select(s => s.Sid).Order());
        }
    }

    [Fact]
    public void Redundant_actions_are_dropped_only_where_an_always_present_grant_covers_them()
    {
        var basic = Builder.Reduced("OceanAndElastigroupBasicActions");
        Assert.DoesNotContain("autoscaling:Describe*", basic.Statement.Actions);
        Assert.Contains("autoscaling:*", basic.Statement.Actions);
        Assert.Contains(basic.Dropped, d => d is { Action: "autoscaling:Describe*", CoveredBy: "autoscaling:*", CoveringSid: "OceanAndElastigroupBasicActions" });
        Assert.Contains(basic.Dropped, d => d is { Action: "ecs:List*", CoveringSid: "OverviewDashboard" });
        Assert.Contains(basic.Dropped, d => d is { Action: "elasticloadbalancing:DescribeTags", CoveredBy: "elasticloadbalancing:Describe*" });

        // Covered by the product every Route 53 selection has.
        Assert.DoesNotContain("ec2:AttachVolume", Builder.Reduced("ElastigroupRoute53").Statement.Actions);

        // Storage's EC2 actions are also in the Elastigroup/Ocean statement, but storage can be selected without them.
        Assert.Contains("ec2:CreateVolume", Builder.Reduced("SpotStorage").Statement.Actions);

        // General is never trimmed by an optional bundle (EMR's elasticmapreduce:* would cover these).
        Assert.Contains("elasticmapreduce:List*", Builder.Reduced("OverviewDashboard").Statement.Actions);
    }

    [Fact]
    public void A_statement_wholly_granted_elsewhere_is_kept_whole_so_its_Sid_stays_visible()
    {
        var batch = Builder.Reduced("ElastigroupBatch");
        Assert.Equal(["batch:Describe*", "batch:List*"], batch.Statement.Actions);
        Assert.Empty(batch.Dropped);
    }

    [Fact]
    public void Sizes_are_counted_as_IAM_counts_them_for_the_longest_partition()
    {
        foreach (var selection in new[] { BundleSelection.Default, BundleSelection.Parse("ocean,ocean.eks"), BundleSelection.Parse("storage") })
        {
            foreach (var policy in Builder.Build(selection).Policies)
            {
                var measured = IamCount(policy.Document(SpotPartition.AwsUsGov));
                Assert.Equal(measured, policy.Size);
                Assert.True(measured <= 6144, $"{policy.Name} is {measured} characters");
                Assert.True(IamCount(policy.Document(SpotPartition.Aws)) <= measured);
            }
        }
    }

    [Fact]
    public void Security_audit_attaches_the_AWS_managed_policy_and_counts_against_the_quota()
    {
        var plan = Builder.Build(BundleSelection.Parse("default,security-audit"));
        Assert.Equal(["SecurityAudit"], plan.AwsManagedPolicies);
        Assert.Equal(2, plan.AttachedPolicyCount);
        Assert.Equal("arn:aws-cn:iam::aws:policy/SecurityAudit", PolicyPlan.AwsManagedPolicyArn(SpotPartition.AwsCn, "SecurityAudit"));

        var e = Assert.Throws<SpotConnectValidationException>(() =>
            Builder.Build(BundleSelection.Parse("default,security-audit"), new PolicyPlanOptions { MaxManagedPolicies = 1 }));
        var problem = Assert.Single(e.Problems);
        Assert.Equal(PolicyPlanOptions.MaxManagedPoliciesInput, problem.Field);
        Assert.Equal("1", problem.Value);
        Assert.Contains("needs 1 customer managed policies plus 1 AWS managed (SecurityAudit), 2 in all", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void View_JSON_lists_name_and_document_with_ARNs_resolved()
    {
        var json = Builder.Build(BundleSelection.Parse("elastigroup.beanstalk")).ToJson(SpotPartition.AwsUsGov);
        var entry = Assert.Single(json)!;
        Assert.Equal("Spot-Policy", entry["name"]!.GetValue<string>());
        Assert.Equal("2012-10-17", entry["document"]!["Version"]!.GetValue<string>());
        Assert.DoesNotContain("${", json.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("arn:aws-us-gov:s3:::elasticbeanstalk*", json.ToJsonString(), StringComparison.Ordinal);
    }
}
