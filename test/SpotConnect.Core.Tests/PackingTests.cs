using System.Text.Json.Nodes;
using SpotConnect.Catalog;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Validation;

namespace SpotConnect.Tests;

/// <summary>Packing, on synthetic catalogs large enough to need several policies.</summary>
public sealed class PackingTests
{
    /// <summary>A catalog with 'general' plus one bundle per entry, each with that many distinct actions.</summary>
    private static BundleCatalog Synthetic(params int[] actionCounts)
    {
        var statements = new JsonArray { new JsonObject { ["sid"] = "General", ["actions"] = new JsonArray("iam:ListRoles"), ["resources"] = new JsonArray("*") } };
        var bundles = new JsonArray
        {
            new JsonObject { ["id"] = "general", ["product"] = "General", ["title"] = "General", ["description"] = "d", ["alwaysIncluded"] = true, ["statements"] = new JsonArray("General") },
        };
        for (var i = 0; i < actionCounts.Length; i++)
        {
            var actions = new JsonArray(Enumerable.Range(0, actionCounts[i]).Select(j => (JsonNode)JsonValue.Create($"svc{i}:Action{j:0000}")!).ToArray());
            statements.Add(new JsonObject { ["sid"] = $"S{i}", ["actions"] = actions, ["resources"] = new JsonArray("*") });
            bundles.Add(new JsonObject { ["id"] = $"b{i}", ["product"] = "P", ["title"] = "T", ["description"] = "d", ["statements"] = new JsonArray($"S{i}") });
        }

        return BundleCatalog.FromJson(new JsonObject { ["schemaVersion"] = 1, ["defaultKeyword"] = "default", ["statements"] = statements, ["bundles"] = bundles }.ToJsonString());
    }

    private static PolicyPlan Plan(BundleCatalog catalog, string ids, int max = 10) =>
        new PolicyBuilder(catalog).Build(BundleSelection.Parse(ids, catalog: catalog), new PolicyPlanOptions { MaxManagedPolicies = max });

    private static Dictionary<string, string> Placement(PolicyPlan plan) =>
        plan.Policies.SelectMany(p => p.BundleIds.Select(b => (b, p.Name))).ToDictionary(x => x.b, x => x.Name);

    [Fact]
    public void Big_selections_split_into_numbered_policies_each_within_the_limit()
    {
        // Each bundle is about 2,300 characters: two fit in a policy, three do not.
        var catalog = Synthetic(150, 150, 150, 150, 150);
        var plan = Plan(catalog, "default");
        Assert.Equal(["Spot-Policy", "Spot-Policy-2", "Spot-Policy-3"], plan.Policies.Select(p => p.Name));
        Assert.All(plan.Policies, p => Assert.InRange(p.Size, 1, PolicyPlanOptions.IamManagedPolicySizeLimit));
        Assert.Equal(catalog.Statements.Select(s => s.Sid), plan.Statements.Select(s => s.Sid).Order(StringComparer.Ordinal).OrderBy(s => s != "General"));
        Assert.Equal("general", plan.Policies[0].BundleIds[0]);
    }

    [Fact]
    public void Packing_uses_the_fewest_policies_even_where_first_fit_would_not()
    {
        // Weights (size + separator) 4, 5, 6, 5 into room 10: first fit needs three; {4,6} {5,5} needs two.
        Assert.Equal([0, 1, 0, 1], PolicyPacker.Pack([3, 4, 5, 4], capacity: 9, maxPolicies: 10)!);
        Assert.Equal([0, 0, 1, 1], PolicyPacker.Pack([3, 4, 4, 4], capacity: 9, maxPolicies: 10)!);
        Assert.Null(PolicyPacker.Pack([3, 4, 5, 4], capacity: 9, maxPolicies: 1));
        Assert.Null(PolicyPacker.Pack([10], capacity: 9, maxPolicies: 10));
        Assert.Empty(PolicyPacker.Pack([], capacity: 9, maxPolicies: 1)!);
    }

    [Fact]
    public void While_first_fit_is_minimal_adding_or_removing_a_later_bundle_moves_no_earlier_bundle()
    {
        // Unequal bundles (about 1,500 to 3,100 characters each) that first fit packs into the fewest policies.
        var catalog = Synthetic(100, 190, 70, 150, 120, 60);
        var before = Plan(catalog, "b0,b1,b2,b3");
        var added = Plan(catalog, "b0,b1,b2,b3,b5");
        var removed = Plan(catalog, "b0,b1,b2");
        foreach (var (bundle, policy) in Placement(before).Where(kv => kv.Key != "b3"))
        {
            Assert.Equal(policy, Placement(added)[bundle]);
            Assert.Equal(policy, Placement(removed)[bundle]);
        }

        Assert.True(before.Policies.Count >= 2, "the case must span several policies to mean anything");
        Assert.Equal("Spot-Policy", Placement(before)["general"]);
    }

    [Fact]
    public void When_first_fit_would_need_an_extra_policy_the_fewest_policies_win_over_stability()
    {
        // b0..b3 of 100/130/205/130 actions: {b0,b1} {b2} packs first, but adding b3 needs {b0,b2} {b1,b3} to stay at two.
        var catalog = Synthetic(100, 130, 205, 130);
        var three = Plan(catalog, "b0,b1,b2");
        var four = Plan(catalog, "b0,b1,b2,b3");
        Assert.Equal(2, three.Policies.Count);
        Assert.Equal(2, four.Policies.Count);
        Assert.Equal("Spot-Policy", Placement(three)["b1"]);
        Assert.Equal("Spot-Policy-2", Placement(four)["b1"]);
        Assert.Equal("Spot-Policy", Placement(four)["general"]);
    }

    [Fact]
    public void The_same_selection_always_packs_the_same_way()
    {
        var catalog = Synthetic(120, 200, 90, 170, 60, 140);
        var first = Plan(catalog, "b5,b0,b3,b1,b4,b2").ToJson(SpotPartition.Aws).ToJsonString();
        var second = Plan(catalog, "b2,b4,b1,b3,b0,b5,b0").ToJson(SpotPartition.Aws).ToJsonString();
        Assert.Equal(first, second);
    }

    [Fact]
    public void Needing_more_policies_than_allowed_is_an_error_that_says_how_many()
    {
        var catalog = Synthetic(150, 150, 150, 150, 150);
        var e = Assert.Throws<SpotConnectValidationException>(() => Plan(catalog, "default", max: 2));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("maxManagedPolicies", problem.Field);
        Assert.Equal("2", problem.Value);
        Assert.Contains("needs 3 customer managed policies", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_too_big_for_any_policy_is_named()
    {
        var catalog = Synthetic(10, 500);
        var e = Assert.Throws<SpotConnectValidationException>(() => Plan(catalog, "default"));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("b1", problem.Value);
        Assert.Contains("more than the", problem.Rule, StringComparison.Ordinal);
    }
}

/// <summary>De-duplication on catalogs shaped to break it: it must never drop a permission nobody else grants.</summary>
public sealed class ReductionEdgeTests
{
    private static BundleCatalog Catalog(string statements, string bundles) =>
        BundleCatalog.FromJson($$"""{"schemaVersion":1,"defaultKeyword":"default","statements":[{{statements}}],"bundles":[{{bundles}}]}""");

    [Fact]
    public void Patterns_that_cover_each_other_keep_exactly_one()
    {
        var catalog = Catalog(
            """{"sid":"A","actions":["ec2:Describe**","ec2:Describe*","s3:Get?*","s3:Get*?"],"resources":["*"]}""",
            """{"id":"a","product":"P","title":"T","description":"D","alwaysIncluded":true,"statements":["A"]}""");
        var statement = new PolicyBuilder(catalog).Reduced("A").Statement;

        // "ec2:Describe**" and "ec2:Describe*" match the same actions: the earlier stays. The containment check is
        // deliberately conservative ('?' never covers '*'), so "s3:Get?*" and "s3:Get*?" both stay: nothing is lost.
        Assert.Equal(["ec2:Describe**", "s3:Get?*", "s3:Get*?"], statement.Actions);
    }

    [Fact]
    public void Two_always_included_bundles_sharing_an_action_keep_it_once()
    {
        var catalog = Catalog(
            """{"sid":"A","actions":["iam:ListRoles","ec2:DescribeImages"],"resources":["*"]},{"sid":"B","actions":["iam:ListRoles","sns:Publish"],"resources":["*"]}""",
            """{"id":"a","product":"P","title":"T","description":"D","alwaysIncluded":true,"statements":["A"]},{"id":"b","product":"P","title":"T","description":"D","alwaysIncluded":true,"statements":["B"]}""");
        var builder = new PolicyBuilder(catalog);
        Assert.Contains("iam:ListRoles", builder.Reduced("A").Statement.Actions);
        Assert.DoesNotContain("iam:ListRoles", builder.Reduced("B").Statement.Actions);
        var granted = builder.Build(BundleSelection.DefaultOf(catalog)).Statements.SelectMany(s => s.Actions).ToArray();
        Assert.Contains("iam:ListRoles", granted);
        Assert.Contains("sns:Publish", granted);
    }
}
