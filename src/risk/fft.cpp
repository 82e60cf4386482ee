#include "risk/fft.hpp"

#include <mutex>
#include <new>

#include <fftw3.h>

namespace pco {

namespace {

// FFTW's planner is not thread-safe; execution is.
std::mutex& planner_mutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace

std::size_t fast_fft_size(std::size_t n) {
  for (std::size_t m = std::max<std::size_t>(n, 1);; ++m) {
    std::size_t r = m;
    for (std::size_t p : {2, 3, 5, 7})
      while (r % p == 0)
        r /= p;
    if (r == 1) return m;
  }
}

std::size_t one_shot_fft_size(std::size_t n) {
  for (std::size_t m = std::max<std::size_t>((n + 1) / 2, 1);; ++m) {
    std::size_t r = m;
    for (std::size_t p : {3, 5, 7})
      while (r % p == 0)
        r /= p;
    if (r == 1) return 2 * m;
  }
}

RealFft::RealFft(std::size_t n) : n_(n) {
  real_ = fftw_alloc_real(n);
  spectrum_ = fftw_alloc_complex(n / 2 + 1);
  if (real_ == nullptr || spectrum_ == nullptr) {
    fftw_free(real_);
    fftw_free(spectrum_);
    throw std::bad_alloc();
  }
  const std::lock_guard lock(planner_mutex());
  auto* spectrum = static_cast<fftw_complex*>(spectrum_);
  const int size = static_cast<int>(n);
  forward_plan_ = fftw_plan_dft_r2c_1d(size, real_, spectrum, FFTW_ESTIMATE);
  backward_plan_ = fftw_plan_dft_c2r_1d(size, spectrum, real_, FFTW_ESTIMATE);
}

RealFft::~RealFft() {
  {
    const std::lock_guard lock(planner_mutex());
    fftw_destroy_plan(static_cast<fftw_plan>(forward_plan_));
    fftw_destroy_plan(static_cast<fftw_plan>(backward_plan_));
  }
  fftw_free(real_);
  fftw_free(spectrum_);
}

void RealFft::forward() {
  fftw_execute(static_cast<fftw_plan>(forward_plan_));
}

void RealFft::backward() {
  fftw_execute(static_cast<fftw_plan>(backward_plan_));
  const double scale = 1.0 / static_cast<double>(n_);
  for (std::size_t i = 0; i < n_; ++i)
    real_[i] *= scale;
}

}  // namespace pco
