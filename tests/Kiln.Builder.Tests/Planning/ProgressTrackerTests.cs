using Kiln.Builder.Formats;
using Kiln.Builder.Planning;

namespace Kiln.Builder.Tests;

public sealed class ProgressTrackerTests
{
    private static readonly PlannedStage[] Stages = [new("bootstrap", 50), new("disk", 30), new("checksum", 20)];

    [Fact]
    public void Percent_counts_finished_stages_and_the_fraction_of_the_current_one_by_weight()
    {
        var sink = new Recorder();
        var tracker = new ProgressTracker(Stages, sink);

        tracker.Report("bootstrap", 0.5, "half bootstrapped");
        tracker.Report("disk", 0.5, "half the disk");

        Assert.Equal([new BuildProgress("bootstrap", 25, "half bootstrapped"), new BuildProgress("disk", 65, "half the disk")], sink.Updates);
        Assert.Equal(65, tracker.Percent);
    }

    [Fact]
    public void Percent_never_goes_backwards()
    {
        var sink = new Recorder();
        var tracker = new ProgressTracker(Stages, sink);

        tracker.Report("disk", 1, "disk done");
        tracker.Report("bootstrap", 0.1, "late report of an earlier stage");
        tracker.Report("disk", 0.2, "late report of this stage");

        Assert.Equal([80, 80, 80], sink.Updates.Select(u => u.Percent));
    }

    [Fact]
    public void Percent_reaches_100_at_the_end_of_the_last_stage_and_not_before()
    {
        var tracker = new ProgressTracker(Stages, null);

        tracker.Report("checksum", 0.99, "almost");
        Assert.True(tracker.Percent < 100);
        tracker.Report("checksum", 1, "done");
        Assert.Equal(100, tracker.Percent);
    }

    [Fact]
    public void Fractions_outside_0_to_1_are_clamped()
    {
        var tracker = new ProgressTracker(Stages, null);

        tracker.Report("bootstrap", 7, "overshoot");
        Assert.Equal(50, tracker.Percent);
        tracker.Report("checksum", 3, "overshoot at the end");
        Assert.Equal(100, tracker.Percent);
    }

    [Fact]
    public void Reported_percent_is_rounded_to_one_decimal()
    {
        var sink = new Recorder();
        var tracker = new ProgressTracker([new("a", 3)], sink);

        tracker.Report("a", 1.0 / 3, "a third");

        Assert.Equal(33.3, sink.Updates.Single().Percent);
    }

    [Fact]
    public void A_stage_not_in_the_plan_throws_and_names_it()
    {
        var tracker = new ProgressTracker(Stages, null);

        var error = Assert.Throws<ArgumentException>(() => tracker.Report("package", 0.5, "no such stage"));

        Assert.Contains("'package'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, tracker.Percent);
    }

    [Fact]
    public void Monotonic_over_a_planned_build_reported_in_order()
    {
        var stages = BuildPlanner.StagesFor([TargetFormats.Qcow2, TargetFormats.Ova]);
        var sink = new Recorder();
        var tracker = new ProgressTracker(stages, sink);

        foreach (var stage in stages)
            foreach (var fraction in new[] { 0, 0.25, 0.5, 1 })
                tracker.Report(stage.Name, fraction, stage.Name);

        var percents = sink.Updates.Select(u => u.Percent).ToList();
        Assert.Equal(percents.Order(), percents);
        Assert.Equal(0, percents[0]);
        Assert.Equal(100, percents[^1]);
        Assert.True(percents[^2] < 100);
    }

    private sealed class Recorder : IProgress<BuildProgress>
    {
        public List<BuildProgress> Updates { get; } = [];

        public void Report(BuildProgress value) => Updates.Add(value);
    }
}
