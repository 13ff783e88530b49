import time

from django.core.management.base import BaseCommand, CommandError

from aidtracker.synthetic import synthetic_load, synthetic_seed_used

SEED_USED = "Synthetic data with seed %(seed)s is already loaded; pass another --seed."
BAD_COUNT = "--pledges must be at least 1."


class Command(BaseCommand):
    help = "Insert realistic synthetic pledges, with items, articles and evidence (benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--pledges", type=int, default=1000, help="how many (default 1000)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, pledges: int, seed: int, batch_size: int, **options):
        if pledges < 1:
            raise CommandError(BAD_COUNT)
        if synthetic_seed_used(seed=seed):
            raise CommandError(SEED_USED % {"seed": seed})
        started = time.perf_counter()
        counts = synthetic_load(pledges=pledges, seed=seed, batch_size=max(batch_size, 1))
        self.stdout.write(
            f"Synthetic data: {counts.pledges} pledges, {counts.items} items, "
            f"{counts.articles} articles and {counts.evidence} evidence sentences "
            f"in {time.perf_counter() - started:.1f} s."
        )
